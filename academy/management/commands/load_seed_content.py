"""Load the seed courses from fixtures/courses/*.yaml (idempotent; see fixtures/README.md)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from courses.seed import SeedError, load_seed_files

DEFAULT_DIR = Path(settings.BASE_DIR) / "fixtures" / "courses"


class Command(BaseCommand):
    help = "Build or update the seed courses from their YAML source files."

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="*", help="Course files (default: fixtures/courses/*.yaml)"
        )

    def handle(self, *args, files=(), **options):
        paths = [Path(f) for f in files] or sorted(DEFAULT_DIR.glob("*.yaml"))
        if not paths:
            raise CommandError(f"No seed files in {DEFAULT_DIR}")
        failures = 0
        for path, outcome in load_seed_files(paths):
            if isinstance(outcome, SeedError):
                failures += 1
                self.stderr.write(self.style.ERROR(f"{outcome} (nothing loaded from this file)"))
            else:
                summary = (
                    ", ".join(f"{n} {what}" for what, n in sorted(outcome.items()))
                    or "nothing to do"
                )
                self.stdout.write(f"{path.name}: {summary}")
        if failures:
            raise CommandError(f"{failures} seed file(s) could not be loaded")
