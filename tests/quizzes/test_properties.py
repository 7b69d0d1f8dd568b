"""Property tests: whatever a client posts, the server answers without a 500 and keeps every
attempt consistent."""

from django.urls import reverse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes import kinds
from quizzes.attempts import start_attempt
from quizzes.kinds import QuestionKind
from quizzes.kinds.text import parse_number
from quizzes.models import Attempt, AttemptState, Response
from quizzes.paper import load_paper
from tests.builders import enrolled_learner
from tests.quizzes.builders import (
    essay,
    make_quiz,
    matching,
    multiple_response,
    numeric,
    ordering,
    short_answer,
    single_choice,
    true_false,
)

pytestmark = pytest.mark.django_db

PROPERTY_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "1", "2000", "-0,5", "1e9", "NaN", "\x00", "9" * 50, "<script>"]),
    st.integers(min_value=190, max_value=20_050).map(lambda n: "ab " * (n // 3)),  # near limits
)


@pytest.fixture
def quiz():
    return make_quiz(
        questions=[
            single_choice(),
            multiple_response(),
            true_false(),
            short_answer(),
            numeric(),
            ordering(),
            matching(),
            essay(),
        ]
    )


def current_attempt(quiz, user):
    return start_attempt(user, quiz)[0]


def payloads(items, saved_version):
    tokens = [token for item in items for token in (*item.keys_by_token, *item.keys_by_match_token)]
    names = [item.name for item in items]
    row_names = [
        name
        for item in items
        if item.question.kind in (QuestionKind.ORDERING, QuestionKind.MATCHING)
        for choice in item.question.choices
        for name in (item.row_name(choice.key), item.legacy_row_name(choice.key))
    ]
    values = st.one_of(texts, st.sampled_from(tokens), st.integers(-3, 9).map(str))
    keys = st.one_of(st.sampled_from(names + row_names), st.sampled_from(["q0", "q99", "x", "q1-"]))
    version = st.one_of(st.just(str(saved_version)), texts)
    return st.fixed_dictionaries(
        {"saved_version": version},
        optional={"finish": st.just("1"), "save": st.just("1")},
    ).flatmap(
        lambda base: st.dictionaries(
            keys, st.lists(values, min_size=1, max_size=3), max_size=10
        ).map(lambda answers: {**base, **answers})
    )


def assert_consistent(attempt):
    attempt.refresh_from_db()
    responses = list(
        Response.objects.filter(attempt=attempt)
        .select_related("version")
        .prefetch_related("selections__choice", "selections__matched")
    )
    for response in responses:
        kind = response.version.kind
        selections = list(response.selections.all())
        assert all(s.choice.version_id == response.version_id for s in selections)
        assert all(
            s.matched is None or s.matched.version_id == response.version_id for s in selections
        )
        if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.TRUE_FALSE):
            assert len(selections) <= 1
        if kind == QuestionKind.ORDERING:
            positions = [s.position for s in selections]
            assert len(set(positions)) == len(positions)
            assert all(1 <= p <= len(response.display_order) for p in positions)
        limit = kinds.get(kind).max_text_length
        if limit:
            assert len(response.text) <= limit and "\x00" not in response.text
        if kind == QuestionKind.NUMERIC and response.text:
            assert parse_number(response.text) is not None
        if response.mark is not None:
            assert 0 <= response.mark <= response.max_mark
    if attempt.state == AttemptState.GRADED:
        assert attempt.score == sum(r.mark for r in responses)
        assert attempt.percent is not None and 0 <= attempt.percent <= 100
    assert Attempt.objects.filter(user=attempt.user, state=AttemptState.IN_PROGRESS).count() <= 1


def post_random_answers(client, quiz, data, view):
    """One learner (the same across examples) posts a drawn payload to a view of their attempt."""
    user = getattr(quiz, "_learner", None) or enrolled_learner(quiz)
    quiz._learner = user
    client.force_login(user)
    attempt = current_attempt(quiz, user)
    payload = data.draw(payloads(load_paper(attempt), attempt.saved_version))
    return attempt, client.post(reverse(view, args=[attempt.pk]), payload)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_random_submissions_never_fail_nor_corrupt(client, quiz, data):
    attempt, response = post_random_answers(client, quiz, data, "quizzes:submit")
    assert response.status_code in (200, 302)
    assert_consistent(attempt)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_random_autosaves_never_fail_nor_corrupt(client, quiz, data):
    attempt, response = post_random_answers(client, quiz, data, "quizzes:autosave")
    assert response.status_code in (200, 409)
    assert response["Content-Type"] == "application/json"
    assert_consistent(attempt)
