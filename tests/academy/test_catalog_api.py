"""The read-only catalog API lists published course pages for other systems."""

import pytest

from tests.builders import lessons_of, make_course

pytestmark = pytest.mark.django_db


def test_lists_published_courses_with_type_title_parent_and_order(client):
    make_course("Law and institutions", lessons=2)
    draft = make_course("Unpublished course", lessons=1)
    draft.unpublish()

    data = client.get(
        "/api/v2/pages/", {"type": "courses.CoursePage", "fields": "summary,level"}
    ).json()

    assert [item["title"] for item in data["items"]] == ["Law and institutions"]
    [item] = data["items"]
    assert item["meta"]["type"] == "courses.CoursePage"
    assert item["summary"] == "About Law and institutions."
    assert item["level"] == "introductory"


def test_children_come_in_course_order_with_their_parent(client):
    course = make_course(modules=1, lessons=3)
    module_id = lessons_of(course)[0].get_parent().pk

    data = client.get("/api/v2/pages/", {"child_of": module_id}).json()

    assert [item["title"] for item in data["items"]] == ["Lesson 1.1", "Lesson 1.2", "Lesson 1.3"]
    assert {item["meta"]["parent"]["id"] for item in data["items"]} == {module_id}


def test_the_api_is_read_only(client):
    course = make_course(lessons=1)
    response = client.post("/api/v2/pages/", {"title": "x"})
    assert response.status_code == 405
    assert client.delete(f"/api/v2/pages/{course.pk}/").status_code == 405
