"""The frame of a step page is cached, and still shows each learner their own state at once.

The outline beside a lesson is cached per course, step and set of steps done; the header's
"My cohorts" link and Wagtail's user bar per user until a role changes; the live page per
content generation. None of them may show a draft, a stale title, or another user's state.
"""

import os

from django.contrib.auth.models import Group, Permission
from django.core.signals import request_finished, request_started
from django.test import Client

import pytest

from courses import caching, completion, enrolments
from learners.models import Cohort
from tests.builders import lessons_of, make_course, make_user

pytestmark = pytest.mark.django_db


def enrolled(course, username):
    learner = make_user(username)
    enrolments.enrol(learner, course)
    client = Client()
    client.force_login(learner)
    return learner, client


def outline(client, page):
    """The outline beside a step page, as HTML."""
    html = client.get(page.url).content.decode()
    return html.split('class="step-layout__outline"')[1].split("</aside>")[0]


def done_titles(html):
    return [
        item.split('href="')[1].split(">")[1].split("<")[0]
        for item in html.split('<li class="outline__step')[1:]
        if item.startswith(" is-done")
    ]


def test_the_cached_outline_shows_each_learner_their_own_steps_done():
    course = make_course(lessons=3)
    first, second, third = lessons_of(course)
    ann, ann_client = enrolled(course, "ann")
    bob, bob_client = enrolled(course, "bob")
    assert done_titles(outline(ann_client, second)) == []

    completion.record_completion(ann, first)
    assert done_titles(outline(ann_client, second)) == [first.title]
    assert done_titles(outline(bob_client, second)) == []

    completion.record_completion(bob, third)
    assert done_titles(outline(bob_client, second)) == [third.title]
    assert done_titles(outline(ann_client, second)) == [first.title]


def test_the_cached_outline_marks_the_step_being_read():
    course = make_course(lessons=3)
    _, client = enrolled(course, "reader")
    for lesson in lessons_of(course):
        current = outline(client, lesson).split('aria-current="page"')[0]
        assert current.rstrip().endswith(f'href="{lesson.url}"')


def test_the_cached_outline_follows_publication_never_a_draft():
    course = make_course(lessons=3)
    first, second, third = lessons_of(course)
    _, client = enrolled(course, "reader")
    assert third.title in outline(client, first)

    third.title = "A draft title"
    third.save_revision()
    assert "A draft title" not in outline(client, first)

    third.title = "A published title"
    third.save_revision().publish()
    assert "A published title" in outline(client, first)

    second.unpublish()
    assert second.title not in outline(client, first)


def test_a_live_page_saved_without_a_publication_is_served_as_saved():
    course = make_course(lessons=2)
    lesson = lessons_of(course)[0]
    _, client = enrolled(course, "reader")
    assert client.get(lesson.url).status_code == 200

    lesson.summary = "A summary saved in code."
    lesson.save()

    assert "A summary saved in code." in client.get(lesson.url).content.decode()


def test_my_cohorts_appears_when_a_learner_becomes_a_trainer_and_goes_after():
    course = make_course(lessons=2)
    lesson = lessons_of(course)[0]
    trainer, client = enrolled(course, "new-trainer")
    _, other = enrolled(course, "colleague")
    link = 'href="/learn/cohorts/"'
    assert link not in client.get(lesson.url).content.decode()

    cohort = Cohort.objects.create(name="Border unit")
    cohort.trainers.add(trainer)
    assert link in client.get(lesson.url).content.decode()
    assert link not in other.get(lesson.url).content.decode()

    cohort.trainers.remove(trainer)
    assert link not in client.get(lesson.url).content.decode()


def test_my_cohorts_appears_for_a_new_administrator():
    course = make_course(lessons=2)
    lesson = lessons_of(course)[0]
    Cohort.objects.create(name="Border unit")
    user, client = enrolled(course, "promoted")
    link = 'href="/learn/cohorts/"'
    assert link not in client.get(lesson.url).content.decode()

    user.groups.add(Group.objects.get_or_create(name="Administrators")[0])

    assert link in client.get(lesson.url).content.decode()


def test_the_user_bar_shows_only_to_who_may_open_the_admin_now():
    course = make_course(lessons=2)
    lesson = lessons_of(course)[0]
    editor, editor_client = enrolled(course, "editor")
    _, learner_client = enrolled(course, "learner")
    editors = Group.objects.create(name="Lesson editors")
    bar = "wagtail-userbar"
    assert bar not in editor_client.get(lesson.url).content.decode()

    editor.groups.add(editors)
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    assert bar in editor_client.get(lesson.url).content.decode()
    assert bar not in learner_client.get(lesson.url).content.decode()

    editor.groups.remove(editors)
    assert bar not in editor_client.get(lesson.url).content.decode()


def test_a_request_reads_the_generation_once_but_sees_its_own_publication():
    request_started.send(sender=None)
    try:
        before = caching.content_generation()
        # another process publishes: this request keeps the generation it started with
        other = caching.content_generation() + 10**9
        path = caching._generation_file(caching.CONTENT)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        os.utime(path, ns=(other, other))
        assert caching.content_generation() == before
        # this request publishes: it sees its own change at once
        caching.invalidate()
        assert caching.content_generation() > other
    finally:
        request_finished.send(sender=None)
    # outside a request, every read asks again
    later = caching.content_generation() + 10**9
    os.utime(path, ns=(later, later))
    assert caching.content_generation() == later
