"""Load the seed courses from fixtures/courses/ (idempotent; see fixtures/README.md).

The English files (`fixtures/courses/*.yaml`) first, then their translations
(`fixtures/courses/<language>/*.yaml`).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from courses.seed import load_seed_files
from courses.seed_specs import SeedError
from courses.seed_translations import (
    load_translation_file,
    translation_files,
    translation_languages,
)

DEFAULT_DIR = Path(settings.BASE_DIR) / "fixtures" / "courses"


class Command(BaseCommand):
    help = "Build or update the seed courses and their translations from their YAML files."

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="*",
            help="Course files (default: fixtures/courses/*.yaml and their translations)",
        )

    def handle(self, *args, files=(), **options):
        paths = [Path(f) for f in files]
        if paths:
            languages = set(translation_languages())
            translations = [(p.parent.name, p) for p in paths if p.parent.name in languages]
            paths = [p for p in paths if p.parent.name not in languages]
        else:
            paths = sorted(DEFAULT_DIR.glob("*.yaml"))
            translations = translation_files(DEFAULT_DIR)
        if not paths and not translations:
            raise CommandError(f"No seed files in {DEFAULT_DIR}")
        failures = 0
        outcomes = list(load_seed_files(paths)) if paths else []
        for language, path in translations:
            try:
                outcomes.append((path, load_translation_file(path, language)))
            except SeedError as error:
                error.file = error.file or path
                outcomes.append((path, error))
        for path, outcome in outcomes:
            name = f"{path.parent.name}/{path.name}" if path.parent != DEFAULT_DIR else path.name
            if isinstance(outcome, SeedError):
                failures += 1
                self.stderr.write(self.style.ERROR(f"{outcome} (nothing loaded from this file)"))
            else:
                summary = (
                    ", ".join(f"{n} {what}" for what, n in sorted(outcome.items()))
                    or "nothing to do"
                )
                self.stdout.write(f"{name}: {summary}")
        if failures:
            raise CommandError(f"{failures} seed file(s) could not be loaded")
