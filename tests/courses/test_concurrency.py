"""A double click or two tabs never enrol twice nor complete a lesson twice.

On PostgreSQL, where the two requests really run in parallel.
"""

from django.test import Client
from django.urls import reverse

import pytest

from courses import enrolments, progress
from courses.models import Enrolment, StepCompletion
from tests.builders import lessons_of, make_course, make_user
from tests.concurrency import at_once

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_two_simultaneous_enrolments_make_one():
    learner = make_user()
    course = make_course(lessons=2)
    clients = [logged_in(learner) for _ in range(2)]
    url = reverse("courses:enrol", args=[course.pk])

    statuses = at_once(2, lambda n: clients[n].post(url).status_code)

    assert statuses == [302, 302]
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1


def test_two_simultaneous_completions_count_once():
    learner = make_user()
    course = make_course(lessons=2)
    enrolments.enrol(learner, course)
    lesson = lessons_of(course)[0]
    clients = [logged_in(learner) for _ in range(2)]
    url = reverse("courses:complete_lesson", args=[lesson.pk])

    statuses = at_once(2, lambda n: clients[n].post(url).status_code)

    assert statuses == [302, 302]
    assert StepCompletion.objects.filter(user=learner, step=lesson).count() == 1
    assert progress.course_progress(learner, course).done == 1
