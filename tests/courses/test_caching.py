"""Shared caches never show a draft, stale content or another learner's state.

Every entry is dropped when a page is published, unpublished, moved or deleted.
"""

from django.test import Client

import pytest

from courses import caching, completion
from tests.builders import (
    add_lesson,
    catalog,
    enrolled_learner,
    lessons_of,
    make_course,
    modules_of,
)

pytestmark = pytest.mark.django_db


def enrolled(course, username):
    """An enrolled learner and a browser logged in as them."""
    learner = enrolled_learner(course, username)
    client = Client()
    client.force_login(learner)
    return learner, client


def text(response):
    return response.content.decode()


def test_a_republished_lesson_shows_its_new_body_and_never_a_draft(client):
    course = make_course()
    lesson = lessons_of(course)[0]
    _, learner = enrolled(course, "reader")
    assert "Text of Lesson 1.1." in text(learner.get(lesson.url))

    lesson.body = [("rich_text", "<p>Draft wording.</p>")]
    lesson.save_revision()
    assert "Draft wording." not in text(learner.get(lesson.url))

    lesson.body = [("rich_text", "<p>Published wording.</p>")]
    lesson.save_revision().publish()
    page = text(learner.get(lesson.url))
    assert "Published wording." in page
    assert "Text of Lesson 1.1." not in page


def test_an_anonymous_course_page_follows_publication_and_unpublication(client):
    course = make_course("Border checks")
    assert "Border checks" in text(client.get(course.url))
    assert "Border checks" in text(client.get(catalog().url))

    course.title = "Border checks, draft title"
    course.save_revision()
    assert "draft title" not in text(client.get(course.url))

    course.title = "Border checks revised"
    course.save_revision().publish()
    assert "Border checks revised" in text(client.get(course.url))
    assert "Border checks revised" in text(client.get(catalog().url))

    course.unpublish()
    assert client.get(course.url).status_code == 404
    assert "Border checks revised" not in text(client.get(catalog().url))


def test_a_moved_lesson_is_found_at_its_new_address_and_in_its_new_module():
    course = make_course(modules=2, lessons=2)
    _first, second = modules_of(course)
    lesson = lessons_of(course)[0]
    _, learner = enrolled(course, "mover")
    old_url = lesson.url
    assert learner.get(old_url).status_code == 200

    lesson.move(second, pos="last-child")
    lesson.refresh_from_db()
    old = learner.get(old_url)
    assert (old.status_code, old.url) == (301, lesson.url)  # Wagtail's automatic redirect
    assert learner.get(lesson.url).status_code == 200
    outline = learner.get(second.url).context["module_progress"]
    assert [step.page.pk for step in outline.steps][-1] == lesson.pk


def test_a_deleted_lesson_is_gone_from_its_address_and_the_outline():
    course = make_course(lessons=3)
    lesson = lessons_of(course)[1]
    _, learner = enrolled(course, "deleter")
    assert learner.get(lesson.url).status_code == 200
    assert learner.get(course.url).context["progress"].total == 3

    lesson.delete()
    assert learner.get(lesson.url).status_code == 404
    assert learner.get(course.url).context["progress"].total == 2


def test_a_new_lesson_appears_in_the_cached_outline():
    course = make_course(lessons=2)
    _, learner = enrolled(course, "newcomer")
    assert learner.get(course.url).context["progress"].total == 2
    add_lesson(modules_of(course)[0], "A late addition")
    assert "A late addition" in text(learner.get(course.url))


def test_learners_share_the_outline_but_never_each_others_marks():
    course = make_course(lessons=3)
    first_lesson = lessons_of(course)[0]
    ann, ann_client = enrolled(course, "ann")
    _, bob_client = enrolled(course, "bob")
    completion.record_completion(ann, first_lesson)

    ann_steps = ann_client.get(course.url).context["progress"].steps
    bob_steps = bob_client.get(course.url).context["progress"].steps
    assert [s.done for s in ann_steps] == [True, False, False]
    assert [s.done for s in bob_steps] == [False, False, False]
    assert "is-done" not in text(bob_client.get(first_lesson.url)).split("outline")[1]


def test_an_anonymous_visitor_never_gets_a_learners_page(client):
    course = make_course("Shared course")
    _, learner = enrolled(course, "insider")
    assert "Your progress" in text(learner.get(course.url))

    page = client.get(course.url)
    assert "Your progress" not in text(page)
    assert "Log in to enrol" in text(page)
    assert "Cookie" in page["Vary"]
    # and the learner, after the anonymous page is cached, still gets their own
    assert "Your progress" in text(learner.get(course.url))


def test_without_redis_a_publication_reaches_every_process_through_the_generation_file():
    before = caching.content_generation()
    make_course("Another")
    after = caching.content_generation()
    assert after > before


def test_a_generation_file_that_cannot_be_written_does_not_break_publishing(settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    settings.CONTENT_GENERATION_FILE = blocker / "generation"  # its folder is a file
    course = make_course("Still publishable")
    client = Client()
    assert "Still publishable" in text(client.get(course.url))
    course.title = "Published anyway"
    course.save_revision().publish()
    assert "Published anyway" in text(client.get(course.url))
