"""A page's place in a course, read from its path: the helpers agree with the page tree."""

from wagtail.models import Page

import pytest

from courses import tree
from courses.models import CoursePage
from courses.outline import outline_steps
from tests.builders import lessons_of, make_course, modules_of

pytestmark = pytest.mark.django_db


def test_the_path_helpers_name_the_same_pages_as_the_tree():
    course = make_course(modules=2, lessons=2)
    module = modules_of(course)[1]
    lesson = lessons_of(course)[3]

    assert tree.course_path_of_step(lesson) == course.path == lesson.get_parent().get_parent().path
    assert tree.parent_path(module) == course.path
    assert tree.parent_path(lesson) == module.path == lesson.get_parent().path
    assert tree.module_depth(course.depth) == module.depth
    assert tree.step_depth(course.depth) == lesson.depth
    assert tree.is_below(lesson, module) and tree.is_below(lesson, course)
    assert not tree.is_below(lessons_of(course)[0], module)


def test_the_steps_of_a_course_and_the_course_path_in_the_database():
    course = make_course(modules=2, lessons=2)
    other = make_course(title="Other course", lessons=1)
    steps = outline_steps(course.path)
    assert [page.pk for page in steps] == [page.pk for page in lessons_of(course)]

    course_paths = set(
        Page.objects.filter(depth=tree.step_depth(course.depth))
        .annotate(course_path=tree.ancestor_path_at("path", course.depth))
        .values_list("course_path", flat=True)
    )
    assert course_paths == {course.path, other.path}
    assert set(CoursePage.objects.filter(path__in=course_paths)) == {course, other}
