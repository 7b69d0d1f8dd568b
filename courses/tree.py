"""Where a page sits in a course, read from its treebeard path: no query, no walk up.

A course's modules are its children and their steps its grandchildren, so a step's course
is the ancestor two levels up, whose path is the first (depth − 2) segments of the step's.
Every slice of a path in the app goes through these helpers.
"""

from django.db.models.functions import Substr

from wagtail.models import Page

STEPLEN = Page.steplen
MODULE_DEPTH_BELOW_COURSE = 1
STEP_DEPTH_BELOW_COURSE = 2


def ancestor_path(page, levels_up):
    """The path of `page`'s ancestor `levels_up` levels above it."""
    return page.path[: (page.depth - levels_up) * STEPLEN]


def parent_path(page):
    return ancestor_path(page, 1)


def course_path_of_step(step):
    return ancestor_path(step, STEP_DEPTH_BELOW_COURSE)


def module_depth(course_depth):
    return course_depth + MODULE_DEPTH_BELOW_COURSE


def step_depth(course_depth):
    return course_depth + STEP_DEPTH_BELOW_COURSE


def is_below(page, ancestor):
    """Whether `page` is `ancestor` or one of its descendants."""
    return page.path.startswith(ancestor.path)


def ancestor_path_at(path_field, depth):
    """A database expression: the path of the ancestor at `depth` of the page in `path_field`."""
    return Substr(path_field, 1, depth * STEPLEN)
