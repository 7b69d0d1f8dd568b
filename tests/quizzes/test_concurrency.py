"""Races between requests of one learner, on PostgreSQL where they really run in parallel.

Run with `scripts/with-postgres .venv/bin/pytest tests/quizzes -q`; skipped on SQLite,
which serialises every write and has no row locks.
"""

from django.http import QueryDict
from django.test import Client
from django.urls import reverse

import pytest

from courses.models import StepCompletion
from quizzes.attempts import start_attempt
from quizzes.models import Attempt, AttemptState, QuestionVersion, QuizGrade
from quizzes.paper import load_paper
from tests.builders import enrolled_learner
from tests.concurrency import at_once
from tests.quizzes.builders import form_data, make_quiz, post_form, single_choice, take, true_false

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def query(data):
    result = QueryDict(mutable=True)
    for key, value in data.items():
        result.setlist(key, value if isinstance(value, list) else [value])
    return result


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_two_simultaneous_submissions_of_one_attempt_count_once():
    quiz = make_quiz(questions=[single_choice(), true_false()])
    learner = enrolled_learner(quiz)
    attempt, _ = start_attempt(learner, quiz)
    data = query(form_data(attempt, {"Which is right?": "Right", "The statement holds.": True}))

    outcomes = at_once(2, lambda n: post_form(attempt, data, finish=True).status)

    # One request grades the attempt; the other finds it already submitted.
    assert sorted(outcomes) == ["closed", "finished"]
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.GRADED and attempt.score == 2
    assert StepCompletion.objects.filter(user=learner, step_id=quiz.pk).count() == 1
    assert QuizGrade.objects.get(quiz=quiz, user=learner).percent == 100


def test_a_double_click_through_the_views_gives_two_redirects_and_one_grade():
    quiz = make_quiz(questions=[single_choice()])
    learner = enrolled_learner(quiz)
    attempt, _ = start_attempt(learner, quiz)
    data = {**form_data(attempt, {"Which is right?": "Right"}), "finish": "1"}
    clients = [logged_in(learner) for _ in range(2)]

    statuses = at_once(
        2, lambda n: clients[n].post(reverse("quizzes:submit", args=[attempt.pk]), data).status_code
    )

    assert statuses == [302, 302]
    assert Attempt.objects.filter(user=learner).count() == 1
    assert Attempt.objects.get(pk=attempt.pk).state == AttemptState.GRADED


def test_the_attempts_limit_holds_under_concurrent_starts():
    quiz = make_quiz(questions=[single_choice()], attempts_allowed=2)
    learner = enrolled_learner(quiz)
    take(quiz, learner, {"Which is right?": "Wrong"})
    clients = [logged_in(learner) for _ in range(6)]

    statuses = at_once(
        6, lambda n: clients[n].post(reverse("quizzes:start", args=[quiz.pk])).status_code
    )

    assert statuses == [302] * 6
    assert Attempt.objects.filter(user=learner).count() == 2
    assert Attempt.objects.filter(user=learner, state=AttemptState.IN_PROGRESS).count() == 1


def test_concurrent_starts_after_every_attempt_is_used_create_nothing():
    quiz = make_quiz(questions=[single_choice()], attempts_allowed=1)
    learner = enrolled_learner(quiz)
    clients = [logged_in(learner) for _ in range(4)]

    def start_and_submit(n):
        response = clients[n].post(reverse("quizzes:start", args=[quiz.pk]))
        attempt = Attempt.objects.filter(user=learner).first()
        if attempt is not None:
            clients[n].post(
                reverse("quizzes:submit", args=[attempt.pk]),
                {"saved_version": str(attempt.saved_version), "finish": "1"},
            )
        return response.status_code

    assert at_once(4, start_and_submit) == [302] * 4
    assert Attempt.objects.filter(user=learner).count() == 1


def test_officers_starting_together_share_one_version_of_each_question():
    quiz = make_quiz(questions=[single_choice(), true_false()])
    learners = [enrolled_learner(quiz, f"officer{n}") for n in range(5)]
    clients = [logged_in(learner) for learner in learners]

    statuses = at_once(
        5, lambda n: clients[n].post(reverse("quizzes:start", args=[quiz.pk])).status_code
    )

    assert statuses == [302] * 5
    assert Attempt.objects.count() == 5
    assert QuestionVersion.objects.count() == 2


def test_an_autosave_racing_the_submission_is_graded_or_refused_never_lost():
    quiz = make_quiz(questions=[single_choice()])
    learner = enrolled_learner(quiz)
    attempt, _ = start_attempt(learner, quiz)
    clients = [logged_in(learner) for _ in range(2)]
    autosave = form_data(attempt, {"Which is right?": "Right"})
    submission = {**form_data(attempt, {"Which is right?": "Wrong"}), "finish": "1"}

    def request(n):
        if n == 0:
            return clients[0].post(reverse("quizzes:autosave", args=[attempt.pk]), autosave)
        return clients[1].post(reverse("quizzes:submit", args=[attempt.pk]), submission)

    saved, submitted = at_once(2, request)

    attempt.refresh_from_db()
    if attempt.state == AttemptState.GRADED:
        # The submission came first: the autosave says the attempt is closed.
        assert saved.status_code == 409 and saved.json()["closed"]
        assert attempt.score == 0 and attempt.draft is None
    else:
        # The autosave came first: the submission's form is stale and submits nothing.
        assert saved.status_code == 200 and saved.json()["version"] == 1
        assert submitted.status_code == 302 and attempt.saved_version == 1
        (item,) = load_paper(attempt)
        assert [item.question.choices_by_key[key].text for key in item.answer.chosen] == ["Right"]


def test_autosaves_of_three_tabs_at_once_store_one_and_refuse_the_others():
    quiz = make_quiz(questions=[single_choice()])
    learner = enrolled_learner(quiz)
    attempt, _ = start_attempt(learner, quiz)
    clients = [logged_in(learner) for _ in range(3)]
    texts = ["Right", "Wrong", "Also wrong"]
    forms = [form_data(attempt, {"Which is right?": text}) for text in texts]

    responses = at_once(
        3,
        lambda n: clients[n].post(reverse("quizzes:autosave", args=[attempt.pk]), forms[n]),
    )

    statuses = [response.status_code for response in responses]
    assert sorted(statuses) == [200, 409, 409]
    assert all(r.json()["stale"] for r in responses if r.status_code == 409)
    attempt.refresh_from_db()
    assert attempt.saved_version == 1
    (item,) = load_paper(attempt)
    (chosen,) = item.answer.chosen
    assert item.question.choices_by_key[chosen].text == texts[statuses.index(200)]
