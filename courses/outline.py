"""A course's outline: its live modules and steps in order, the same for every learner.

Kept in the shared cache (see `courses.caching`), which every publication, unpublication,
move or deletion of a page invalidates, so pages and completion counts read it without a
query once it is warm.
"""

from wagtail.models import Page

from courses import caching
from courses.tree import step_depth


def course_at(path):
    """The course page at a tree path, from the shared cache (two queries when it is cold).

    Read as the specific page at that place rather than through the course model, so the
    page models may ask the outline without the outline importing them.
    """
    return caching.shared("course", path, build=lambda: Page.objects.get(path=path).specific)


def outline_pages(course):
    """The course's live modules and steps in order: the same for every learner, cached."""
    return caching.shared(
        "outline",
        course.path,
        reuse=True,  # read only: progress wraps the pages, never changes them
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
