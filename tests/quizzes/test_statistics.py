"""Quiz statistics against a small data set computed by hand, and their cost in queries."""

import math
import statistics
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from quizzes.drawing import compose_questions
from quizzes.models import Attempt, AttemptState, QuestionFlag, Response, ResponseChoice
from quizzes.paper import new_rng
from quizzes.statistics import quiz_statistics, refresh_flags
from quizzes.versions import freeze
from tests.builders import enrolled_learner
from tests.quizzes.builders import make_quiz, numeric, single_choice, take, true_false

pytestmark = pytest.mark.django_db

# Five officers' first attempts at a quiz of three questions (marks 1, 1 and 2):
#
#   officer   Q1 (single)   Q2 (true/false)   Q3 (numeric, 2 marks)   total   %
#   a         Right   1     True   1          2000   2                4       100
#   b         Right   1     False  0          2000   2                3       75
#   c         Wrong   0     True   1          1999   0                1       25
#   d         Right   1     True   1          1999   0                2       50
#   e         Also wr 0     False  0          (none) 0                0       0
#
# and officer a's second attempt, all wrong (0 %), which counts only over all attempts.
ANSWERS = {
    "a": ("Right", True, "2000"),
    "b": ("Right", False, "2000"),
    "c": ("Wrong", True, "1999"),
    "d": ("Right", True, "1999"),
    "e": ("Also wrong", False, ""),
}
Q1 = [1, 1, 0, 1, 0]
Q2 = [1, 0, 1, 1, 0]
Q3 = [2, 2, 0, 0, 0]
TOTALS = [4, 3, 1, 2, 0]
PERCENTS = [100, 75, 25, 50, 0]


@pytest.fixture
def quiz():
    quiz = make_quiz(
        questions=[
            single_choice("Q1"),
            true_false("Q2", answer=True),
            numeric("Q3", answer=2000, weight=2),
        ]
    )
    for name, (q1, q2, q3) in ANSWERS.items():
        learner = enrolled_learner(quiz, name)
        take(quiz, learner, {"Q1": q1, "Q2": q2, "Q3": q3})
        if name == "a":
            take(quiz, learner, {"Q1": "Wrong", "Q2": False, "Q3": "1"})
    return quiz


def by_prompt(stats):
    return {q.version.prompt: q for q in stats.questions}


def test_quiz_figures_over_first_attempts(quiz):
    stats = quiz_statistics(quiz)
    assert stats.attempts == 5
    assert stats.mean == pytest.approx(50)  # (100 + 75 + 25 + 50 + 0) / 5
    assert stats.median == pytest.approx(50)
    assert stats.sd == pytest.approx(statistics.stdev(PERCENTS))  # √(6250 / 4) ≈ 39.53
    assert stats.sd == pytest.approx(39.528, abs=1e-3)


def test_quiz_figures_over_all_attempts(quiz):
    stats = quiz_statistics(quiz, all_attempts=True)
    assert stats.attempts == 6
    assert stats.mean == pytest.approx(statistics.mean([*PERCENTS, 0]))
    assert stats.median == pytest.approx(statistics.median([*PERCENTS, 0]))  # (25 + 50) / 2


def test_facility_and_its_standard_deviation(quiz):
    questions = by_prompt(quiz_statistics(quiz))
    assert questions["Q1"].facility == pytest.approx(60)  # 3 of 5 marks
    assert questions["Q1"].facility_sd == pytest.approx(100 * statistics.stdev(Q1))  # 54.77
    assert questions["Q3"].facility == pytest.approx(40)  # mean 0.8 of 2 marks
    assert questions["Q3"].facility_sd == pytest.approx(100 * statistics.stdev(Q3) / 2)
    assert all(q.responses == 5 for q in questions.values())


def test_discrimination_index_is_the_correlation_with_the_rest_of_the_test(quiz):
    questions = by_prompt(quiz_statistics(quiz))
    for prompt, marks in [("Q1", Q1), ("Q2", Q2), ("Q3", Q3)]:
        rest = [total - mark for total, mark in zip(TOTALS, marks, strict=True)]
        expected = 100 * statistics.correlation(marks, rest)
        assert questions[prompt].discrimination == pytest.approx(expected)
    # By hand for Q2: Σ(x − x̄)(r − r̄) = −0.2 over x̄ = 0.6, r̄ = 1.4: negative.
    assert questions["Q2"].discrimination < 0 < questions["Q1"].discrimination


def test_cronbachs_alpha(quiz):
    item_variances = statistics.variance(Q1) + statistics.variance(Q2) + statistics.variance(Q3)
    expected = 100 * 3 / 2 * (1 - item_variances / statistics.variance(TOTALS))
    # 0.3 + 0.3 + 1.2 = 1.8 over var(total) = 2.5: 100 × 1.5 × 0.28 = 42
    assert expected == pytest.approx(42)
    assert quiz_statistics(quiz).alpha == pytest.approx(expected)


def test_answer_distribution_per_choice(quiz):
    questions = by_prompt(quiz_statistics(quiz))
    q1 = {c.text: (c.count, c.percent, c.is_correct) for c in questions["Q1"].choices}
    assert q1 == {"Right": (3, 60, True), "Wrong": (1, 20, False), "Also wrong": (1, 20, False)}
    q2 = {c.text: c.count for c in questions["Q2"].choices}
    assert q2 == {"True": 3, "False": 2}


def test_only_the_learners_in_scope_are_counted(quiz):
    users = get_user_model().objects.filter(username__in=["a", "b"]).values_list("pk", flat=True)
    stats = quiz_statistics(quiz, user_ids=list(users))
    assert stats.attempts == 2 and stats.mean == pytest.approx(87.5)


def test_statistics_flag_questions_for_review(quiz):
    refresh_flags(quiz, quiz_statistics(quiz))
    flag = QuestionFlag.objects.get()
    assert flag.question.prompt == "Q2" and flag.reasons == ["negative_discrimination"]


def test_no_attempts_no_figures():
    stats = quiz_statistics(make_quiz(questions=[single_choice()]))
    assert stats.attempts == 0 and stats.mean is None and stats.questions == []


def bulk_attempts(quiz, count):
    """`count` graded first attempts, written with bulk_create: about half answer right."""
    versions = freeze(compose_questions(quiz, new_rng()))
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"bulk{quiz.pk}-{n}") for n in range(count)]
    )
    now = timezone.now()
    attempts = Attempt.objects.bulk_create(
        [
            Attempt(
                quiz=quiz,
                user=user,
                number=1,
                state=AttemptState.GRADED,
                started_at=now,
                submitted_at=now,
                max_score=Decimal(len(versions)),
                score=Decimal(n % 2 * len(versions)),
                percent=Decimal(n % 2 * 100),
                passed=bool(n % 2),
            )
            for n, user in enumerate(users)
        ]
    )
    responses = Response.objects.bulk_create(
        [
            Response(
                attempt=attempt,
                slot=slot,
                position=slot,
                version=version,
                max_mark=version.weight,
                mark=Decimal(n % 2),
                answered=True,
            )
            for n, attempt in enumerate(attempts)
            for slot, version in enumerate(versions.values(), start=1)
        ]
    )
    ResponseChoice.objects.bulk_create(
        [
            ResponseChoice(
                response=response,
                choice=next(
                    c for c in response.version.choices.all() if c.is_correct == bool(response.mark)
                ),
            )
            for response in responses
        ]
    )


@pytest.mark.parametrize("attempts", [10, 1000])
def test_statistics_cost_the_same_queries_for_10_and_1000_attempts(
    django_assert_num_queries, attempts
):
    quiz = make_quiz(questions=[single_choice(f"Q{n}") for n in range(3)])
    bulk_attempts(quiz, attempts)
    with django_assert_num_queries(7):
        stats = quiz_statistics(quiz)
    assert stats.attempts == attempts
    assert stats.mean == pytest.approx(50)
    assert math.isclose(stats.questions[0].facility, 50)


def test_the_counts_come_from_the_database(quiz):
    with CaptureQueriesContext(connection) as queries:
        quiz_statistics(quiz)
    sql = " ".join(q["sql"].upper() for q in queries.captured_queries)
    assert "SUM(" in sql and "COUNT(" in sql and "GROUP BY" in sql
