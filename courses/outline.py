"""A course's outline: its live modules and steps in order, the same for every learner.

Kept in the shared cache (see `courses.caching`), which every publication, unpublication,
move or deletion of a page invalidates, so pages and completion counts read it without a
query once it is warm.
"""

from django.conf import settings

from wagtail.models import Page

from courses import caching
from courses.models import CoursePage
from courses.tree import step_depth


def course_at(path):
    """The course page at a tree path, from the shared cache (one query when it is cold)."""
    return caching.shared("course", path, build=lambda: CoursePage.objects.get(path=path))


def outline_pages(course):
    """The course's live modules and steps in order: the same for every learner, cached."""
    return caching.shared(
        "outline",
        course.path,
        build=lambda: list(
            Page.objects.live()
            .descendant_of(course)
            .filter(depth__lte=step_depth(course.depth))
            .order_by("path")
        ),
    )


def outline_steps(course_path):
    """The live steps of the course at `course_path`, in order, from the cached outline."""
    course = course_at(course_path)
    return [page for page in outline_pages(course) if page.depth == step_depth(course.depth)]


def outline_titles(course, language):
    """{translation key: title} of the course and its outline's live translations into
    `language` (empty for English): cached like the outline, one query when cold."""
    if language == settings.LANGUAGE_CODE:
        return {}

    def build():
        keys = [course.translation_key, *(page.translation_key for page in outline_pages(course))]
        return dict(
            Page.objects.live()
            .filter(translation_key__in=keys, locale__language_code=language, alias_of=None)
            .values_list("translation_key", "title")
        )

    return caching.shared("outline-titles", f"{course.path}:{language}", build=build)
