"""Build the course tree from the human-readable seed files in `fixtures/courses/`.

Pages are matched by slug under their parent, never by primary key or tree path. A page
whose source is unchanged is left alone; a changed one gets a new revision. Learner
records are never touched. Apps that add kinds of step register a builder for their
`type:` with `register_step_builder` (the quizzes app registers `quiz`), and fields of
their own on a module with `register_module_field` (the quizzes app registers
`final_bank`).
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import CharField

from wagtail.blocks import StructBlock

from courses.blocks import LessonBodyBlock
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage, SeedRecord
from courses.seed_documents import document_block_value, documents_dir
from courses.seed_specs import (
    SeedError,
    Spec,
    SpecList,
    check_keys,
    digest,
    error_text,
    read_seed_file,
    require,
)


@dataclass
class SeedContext:
    """What a step builder gets: the course being built and the tools to build with."""

    file: Path
    course: CoursePage
    course_spec: Spec
    modules: dict = field(default_factory=dict)  # slug → ModulePage, built so far
    stats: Counter = field(default_factory=Counter)

    def upsert_page(self, parent, model, spec, apply):
        """Create or update the child of `parent` with `spec['slug']`.

        `apply(page)` copies the spec onto the page. It runs, and a revision is published,
        only when the page is new or its source changed since the last load.
        """
        slug = require(spec, "slug", where=model._meta.verbose_name)
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None and existing.specific_class is not model:
            raise SeedError(
                f"slug '{slug}' is already used by a {existing.specific_class._meta.verbose_name}",
                spec,
            )
        source_digest = digest(spec)
        if existing is not None:
            page = existing.specific
            record = SeedRecord.objects.filter(page=page).first()
            if record and record.digest == source_digest:
                self.stats["unchanged"] += 1
                return page
            page = page.get_latest_revision_as_object()
        else:
            page = model(slug=slug)
        apply(page)
        try:
            if existing is None:
                parent.add_child(instance=page)
            page.full_clean()
        except ValidationError as error:
            raise SeedError(f"{model._meta.verbose_name}: {error_text(error)}", spec) from error
        page.save_revision(log_action=True).publish()
        SeedRecord.objects.update_or_create(page=page, defaults={"digest": source_digest})
        self.stats["created" if existing is None else "updated"] += 1
        return page


STEP_BUILDERS = {}


def register_step_builder(step_type, builder):
    """`builder(module_page, step_spec, context)` creates or updates one step and returns it."""
    STEP_BUILDERS[step_type] = builder


MODULE_FIELD_BUILDERS = {}


def register_module_field(name, builder):
    """`builder(module_page, value or None, spec, context)` runs after the module's steps.

    It runs for every module, with None when the module does not give the field, so that a
    field taken out of the file can undo what it built.
    """
    MODULE_FIELD_BUILDERS[name] = builder


COURSE_FIELDS = {
    "slug",
    "title",
    "summary",
    "audience",
    "level",
    "estimated_duration_minutes",
    "subjects",
    "learning_objectives",
    "prerequisites",
    "modules",
}
MODULE_FIELDS = {"slug", "title", "summary", "objectives", "steps"}
LESSON_FIELDS = {"type", "slug", "title", "summary", "estimated_minutes", "body"}


def objectives(items, spec, key):
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise SeedError(f"'{key}' must be a list of sentences", spec)
    return [("objective", item) for item in items]


def build_lesson_body(spec, documents_folder=None):
    """Turn the YAML block list into StreamField data, validating each block.

    A `document` block names a file in `documents_folder` (see `courses.seed_documents`).
    """
    body = spec.get("body") or SpecList()
    if not isinstance(body, list):
        raise SeedError("lesson: 'body' must be a list of blocks", spec)
    stream_block = LessonBodyBlock()
    data = []
    for item in body:
        if not isinstance(item, dict) or len(item) != 1:
            raise SeedError(
                "lesson body: each block is a mapping with one key, its type", item or spec
            )
        ((block_type, value),) = item.items()
        child = stream_block.child_blocks.get(block_type)
        if child is None:
            raise SeedError(
                f"lesson body: unknown block '{block_type}' "
                f"(known: {', '.join(stream_block.child_blocks)})",
                item,
            )
        try:
            if block_type == "document" and isinstance(value, dict) and "file" in value:
                value = document_block_value(value, documents_folder)
            python_value = _blank_not_none(child, child.to_python(value))
            child.clean(python_value)
        except (ValidationError, TypeError, AttributeError, ValueError) as error:
            message = error_text(error) if isinstance(error, ValidationError) else str(error)
            raise SeedError(
                f"lesson body: invalid '{block_type}' block: {message}", item
            ) from error
        data.append((block_type, python_value))
    return data


def _blank_not_none(block, value):
    """An optional text left out of a block is "" as the editor saves it, not None (the
    translation tools take every text for a string)."""
    if isinstance(block, StructBlock):
        for name, child in block.child_blocks.items():
            if value.get(name) is None and isinstance(getattr(child, "field", None), CharField):
                value[name] = ""
    return value


def build_lesson(module, spec, context):
    check_keys(spec, LESSON_FIELDS, where="lesson")
    title = require(spec, "title", where="lesson")
    body = build_lesson_body(spec, documents_dir(context.file))
    minutes = spec.get("estimated_minutes", 10)
    if not isinstance(minutes, int) or minutes < 1:
        raise SeedError("lesson: 'estimated_minutes' must be a positive whole number", spec)

    def apply(page):
        page.title = title
        page.summary = spec.get("summary", "")
        page.estimated_minutes = minutes
        page.body = body

    return context.upsert_page(module, LessonPage, spec, apply)


register_step_builder("lesson", build_lesson)


def build_module(course, spec, context):
    check_keys(spec, MODULE_FIELDS | set(MODULE_FIELD_BUILDERS), where="module")
    title = require(spec, "title", where="module")
    module_objectives = objectives(spec.get("objectives", []), spec, "objectives")
    steps = require(spec, "steps", list, where=f"module '{spec.get('slug')}'")

    def apply(page):
        page.title = title
        page.summary = spec.get("summary", "")
        page.objectives = module_objectives

    # The module's own fields; its steps and the fields of other apps are handled below.
    own = Spec({key: value for key, value in spec.items() if key in MODULE_FIELDS - {"steps"}})
    own.line = spec.line
    module = context.upsert_page(course, ModulePage, own, apply)
    context.modules[module.slug] = module
    for step in steps:
        step_type = require(step, "type", where="step")
        builder = STEP_BUILDERS.get(step_type)
        if builder is None:
            raise SeedError(
                f"step: unknown type '{step_type}' (known: {', '.join(STEP_BUILDERS)})", step
            )
        builder(module, step, context)
    for name, field_builder in MODULE_FIELD_BUILDERS.items():
        field_builder(module, spec.get(name), spec, context)
    return module


def build_course(catalog, spec, file):
    check_keys(spec, COURSE_FIELDS, where="course")
    title = require(spec, "title", where="course")
    summary = require(spec, "summary", where="course")
    level = spec.get("level", CoursePage.Level.INTRODUCTORY)
    if level not in CoursePage.Level.values:
        raise SeedError(
            f"course: 'level' must be one of {', '.join(CoursePage.Level.values)}", spec
        )
    duration = spec.get("estimated_duration_minutes", 60)
    if not isinstance(duration, int) or duration < 1:
        raise SeedError(
            "course: 'estimated_duration_minutes' must be a positive whole number", spec
        )
    subjects = spec.get("subjects", [])
    if not isinstance(subjects, list) or not all(isinstance(s, str) for s in subjects):
        raise SeedError("course: 'subjects' must be a list of words", spec)
    course_objectives = objectives(spec.get("learning_objectives", []), spec, "learning_objectives")
    modules = require(spec, "modules", list, where="course")

    def apply(page):
        page.title = title
        page.summary = summary
        page.audience = spec.get("audience", "")
        page.level = level
        page.estimated_duration_minutes = duration
        page.learning_objectives = course_objectives
        page.subjects.set(subjects)

    own = Spec(
        {key: value for key, value in spec.items() if key not in {"modules", "prerequisites"}}
    )
    own.line = spec.line
    context = SeedContext(file=file, course=None, course_spec=spec)
    context.course = context.upsert_page(catalog, CoursePage, own, apply)
    for module_spec in modules:
        build_module(context.course, module_spec, context)
    return context


def link_prerequisites(course, spec):
    slugs = spec.get("prerequisites") or []
    if not isinstance(slugs, list):
        raise SeedError("course: 'prerequisites' must be a list of course slugs", spec)
    found = {c.slug: c for c in CoursePage.objects.sibling_of(course).filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise SeedError(f"course: unknown prerequisite course(s) {', '.join(missing)}", spec)
    current = set(course.prerequisites.values_list("slug", flat=True))
    if current != set(slugs):
        course.prerequisites.set([found[slug] for slug in slugs])
        course.save_revision().publish()


def load_seed_files(paths, *, catalog=None):
    """Load each file in its own transaction. Returns [(path, stats or SeedError)]."""
    catalog = catalog or CourseIndexPage.objects.live().order_by("path").first()
    if catalog is None:
        raise SeedError("there is no course catalog page to load courses into")
    results = []
    loaded = []
    for path in paths:
        path = Path(path)
        try:
            spec = read_seed_file(path)
            with transaction.atomic():
                context = build_course(catalog, spec, path)
            loaded.append((path, context.course, spec))
            results.append((path, context.stats))
        except SeedError as error:
            error.file = error.file or path
            results.append((path, error))
    for path, course, spec in loaded:
        try:
            with transaction.atomic():
                link_prerequisites(course, spec)
        except SeedError as error:
            error.file = path
            results.append((path, error))
    return results
