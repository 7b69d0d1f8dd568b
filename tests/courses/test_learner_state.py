"""A learner's enrolment and steps done in a course come from one statement, and only
that learner's, in only that course."""

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from courses import completion, enrolments
from courses.learner_state import course_state_of_step
from courses.models.progress import Enrolment
from tests.builders import enrolled_learner, lessons_of, make_course, make_user

pytestmark = pytest.mark.django_db


def test_an_enrolled_learner_gets_their_steps_done_in_this_course_only():
    course, other_course = make_course("Border checks"), make_course("Cyber evidence")
    first, second, third = lessons_of(course)[:3]
    learner = enrolled_learner(course, "ann", done=2)
    enrolments.enrol(learner, other_course)
    completion.record_completion(learner, lessons_of(other_course)[0])
    completion.record_completion(enrolled_learner(course, "bob"), third)

    with CaptureQueriesContext(connection) as queries:
        state = course_state_of_step(learner, second)

    assert len(queries) == 1
    assert state.enrolled
    assert state.done_ids == {first.pk, second.pk}


def test_a_learner_who_left_a_course_keeps_their_steps_but_is_not_enrolled():
    course = make_course()
    learner = enrolled_learner(course, "leaver", done=1)
    Enrolment.objects.filter(user=learner).delete()

    state = course_state_of_step(learner, lessons_of(course)[1])

    assert not state.enrolled
    assert state.done_ids == {lessons_of(course)[0].pk}


def test_nobody_and_a_stranger_are_not_enrolled():
    course = make_course()
    lesson = lessons_of(course)[0]

    for visitor in (AnonymousUser(), make_user("stranger")):
        state = course_state_of_step(visitor, lesson)
        assert not state.enrolled and state.done_ids == frozenset()
