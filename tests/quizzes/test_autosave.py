"""Autosave: one statement when all is well, and still every guarantee of a saved form.

An autosave keeps the answers on the attempt (its draft) until the form is saved or
submitted; a learner must not be able to tell: what was acknowledged is shown again,
graded, and survives the deadline, and a stale or closed form is still refused.
"""

from datetime import timedelta

from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from quizzes.attempts import close_if_overdue, start_attempt
from quizzes.forms import parse_answers
from quizzes.models import Attempt, AttemptState, Response
from quizzes.paper import load_paper
from tests.builders import enrolled_learner
from tests.quizzes.builders import (
    form_data,
    item_for,
    make_quiz,
    matching,
    multiple_response,
    ordering,
    short_answer,
    single_choice,
)

pytestmark = pytest.mark.django_db

ANSWERS = {
    "Which is right?": "Right",
    "Which apply?": ["A", "C", "D"],
    "Name it.": "CaaS",
    "Put in order.": ["Second", "First", "Fourth", "Third"],
    "Match them.": {"Monero": "Private", "Bitcoin": "Optional", "Zcash": "Public"},
}


@pytest.fixture
def quiz():
    return make_quiz(
        questions=[
            single_choice(),
            multiple_response(),
            short_answer(),
            ordering(),
            matching(),
        ],
        attempts_allowed=3,
    )


@pytest.fixture
def attempt(quiz, learner):
    return start_attempt(learner, quiz)[0]


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def autosave(client, attempt, answers, **extra):
    return client.post(
        reverse("quizzes:autosave", args=[attempt.pk]), form_data(attempt, answers, **extra)
    )


def shown_answers(attempt):
    """What the attempt's page shows as saved, question by question: {prompt: Answer}."""
    attempt = Attempt.objects.get(pk=attempt.pk)
    return {item.question.prompt: item.answer for item in load_paper(attempt)}


def posted_answers(attempt, answers):
    """The Answers `answers` stand for, as the attempt's page would read them back."""
    query = QueryDict(mutable=True)
    for key, value in form_data(attempt, answers).items():
        query.setlist(key, value if isinstance(value, list) else [value])
    parsed = parse_answers(load_paper(attempt, answers=False), query)
    assert not parsed.errors
    return {
        item.question.prompt: parsed.answers[item.position]
        for item in load_paper(attempt, answers=False)
    }


def test_an_autosave_is_acknowledged_and_shown_again_on_the_page(learner_client, attempt):
    response = autosave(learner_client, attempt, ANSWERS)

    assert response.status_code == 200
    assert response.json()["saved"] and response.json()["version"] == 1
    assert shown_answers(attempt) == posted_answers(attempt, ANSWERS)
    page = learner_client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert 'value="CaaS"' in page and 'name="saved_version" value="1"' in page


def test_autosaved_answers_are_graded_when_the_form_is_submitted_without_them(
    learner_client, attempt
):
    autosave(learner_client, attempt, ANSWERS)
    attempt.refresh_from_db()

    # A submission that posts nothing new (the answers were all autosaved before).
    response = learner_client.post(
        reverse("quizzes:submit", args=[attempt.pk]), {**form_data(attempt, ANSWERS), "finish": "1"}
    )

    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.GRADED
    assert shown_answers(attempt) == posted_answers(attempt, ANSWERS)
    assert attempt.draft is None
    assert Response.objects.get(attempt=attempt, slot=item_for(attempt, "Name it.").slot).text == (
        "CaaS"
    )


def test_autosaved_answers_are_submitted_when_time_runs_out(learner):
    quiz = make_quiz(questions=[single_choice()], time_limit_minutes=30)
    attempt, _ = start_attempt(learner, quiz, now=timezone.now() - timedelta(minutes=31))
    learner_client = client_for(learner)
    # Saved in time: the test moves the deadline back after the save.
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + timedelta(minutes=1))
    attempt.refresh_from_db()
    assert autosave(learner_client, attempt, {"Which is right?": "Right"}).status_code == 200
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    attempt.refresh_from_db()

    closed = close_if_overdue(attempt)

    assert closed.state == AttemptState.GRADED and closed.score == 1
    assert Response.objects.get(attempt=attempt).answered


def test_saving_the_form_writes_the_autosaved_answers_into_the_responses(learner_client, attempt):
    autosave(learner_client, attempt, ANSWERS)
    attempt.refresh_from_db()

    learner_client.post(
        reverse("quizzes:submit", args=[attempt.pk]), {**form_data(attempt, ANSWERS), "save": "1"}
    )

    attempt.refresh_from_db()
    assert attempt.draft is None and attempt.state == AttemptState.IN_PROGRESS
    assert attempt.saved_version == 1  # nothing new since the autosave: no new version
    assert shown_answers(attempt) == posted_answers(attempt, ANSWERS)
    single = Response.objects.get(attempt=attempt, slot=item_for(attempt, "Which is right?").slot)
    assert single.answered and single.selections.count() == 1


def test_a_form_from_before_an_autosave_is_refused_and_changes_nothing(learner_client, attempt):
    old_tab = form_data(attempt, {**ANSWERS, "Name it.": "Something else"})
    autosave(learner_client, attempt, ANSWERS)

    refused = learner_client.post(reverse("quizzes:autosave", args=[attempt.pk]), old_tab)

    assert refused.status_code == 409
    assert refused.json()["stale"] and "another window" in refused.json()["message"]
    attempt.refresh_from_db()
    assert attempt.saved_version == 1
    assert shown_answers(attempt) == posted_answers(attempt, ANSWERS)


def test_the_same_autosave_twice_saves_once(learner_client, attempt):
    first = autosave(learner_client, attempt, ANSWERS)
    attempt.refresh_from_db()
    again = autosave(learner_client, attempt, ANSWERS)

    assert first.json()["version"] == again.json()["version"] == 1
    attempt.refresh_from_db()
    assert attempt.saved_version == 1


def test_an_answer_that_cannot_be_taken_keeps_the_others_and_says_why(learner_client, attempt):
    data = form_data(attempt, ANSWERS)
    data[item_for(attempt, "Which is right?").name] = "not-a-choice-of-this-question"

    response = learner_client.post(reverse("quizzes:autosave", args=[attempt.pk]), data)

    body = response.json()
    assert response.status_code == 200 and body["saved"]
    assert list(body["errors"]) == [item_for(attempt, "Which is right?").name]
    shown = shown_answers(attempt)
    assert shown["Name it."].text == "CaaS"
    assert shown["Which is right?"].is_blank


def test_an_autosave_after_the_deadline_is_refused_and_stores_nothing(learner):
    quiz = make_quiz(questions=[single_choice()], time_limit_minutes=30)
    attempt, _ = start_attempt(learner, quiz, now=timezone.now() - timedelta(minutes=31))

    response = autosave(client_for(learner), attempt, {"Which is right?": "Right"})

    assert response.status_code == 409 and response.json()["closed"]
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.GRADED and attempt.score == 0
    assert attempt.draft is None


def test_an_autosave_to_a_submitted_attempt_is_refused(learner_client, attempt):
    learner_client.post(
        reverse("quizzes:submit", args=[attempt.pk]),
        {**form_data(attempt, {"Which is right?": "Wrong"}), "finish": "1"},
    )

    response = autosave(learner_client, attempt, ANSWERS)

    assert response.status_code == 409 and response.json()["closed"]
    attempt.refresh_from_db()
    assert attempt.draft is None and attempt.percent == 0


def test_another_learners_attempt_cannot_be_autosaved(client, quiz, attempt):
    client.force_login(enrolled_learner(quiz, "someone-else"))

    response = autosave(client, attempt, ANSWERS)

    assert response.status_code == 404
    attempt.refresh_from_db()
    assert attempt.saved_version == 0 and attempt.draft is None
