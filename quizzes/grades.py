"""The grading policy: an attempt's score from its marks, a learner's grade from attempts.

A learner's grade (highest, average, first or last of the graded attempts) decides whether
the quiz counts as completed in the course; a grade that falls below the pass mark (an essay
re-marked) takes the completion back.
"""

from dataclasses import dataclass
from decimal import Decimal

from courses.completion import record_completion, revoke_completion
from quizzes.grading import mark_for, percent_of
from quizzes.models.attempts import Attempt, AttemptState, QuizGrade
from quizzes.models.rules import GradingMethod


@dataclass(frozen=True)
class Score:
    """What a paper's marks come to: `pending` while a person still has to mark one."""

    score: Decimal
    max_score: Decimal
    pending: bool
    percent: Decimal | None  # None while pending
    passed: bool | None  # None while pending

    @property
    def percent_so_far(self):
        return percent_of(self.score, self.max_score)


def mark_paper(items):
    """Mark every answer of a paper (PaperItems) that needs no person; returns the marks."""
    for item in items:
        item.mark = mark_for(item.question, item.answer)
    return [item.mark for item in items]


def score(marks, max_score, pass_mark):
    known = sum((mark for mark in marks if mark is not None), Decimal(0))
    if any(mark is None for mark in marks):
        return Score(known, max_score, pending=True, percent=None, passed=None)
    percent = percent_of(known, max_score)
    return Score(known, max_score, pending=False, percent=percent, passed=percent >= pass_mark)


def score_attempt(attempt, marks, now):
    """Set the attempt's score and state from its marks: graded, or awaiting marking."""
    result = score(marks, attempt.max_score, attempt.quiz.pass_mark)
    attempt.score = result.score
    attempt.percent = result.percent
    attempt.passed = result.passed
    if result.pending:
        attempt.state = AttemptState.AWAITING_MARKING
        attempt.graded_at = None
    else:
        attempt.state = AttemptState.GRADED
        attempt.graded_at = now


def grade_of(method, percents):
    """The learner's grade from the percents of their graded attempts, oldest first."""
    if not percents:
        return None
    if method == GradingMethod.HIGHEST:
        return max(percents)
    if method == GradingMethod.FIRST:
        return percents[0]
    if method == GradingMethod.LAST:
        return percents[-1]
    return percent_of(sum(percents), len(percents) * 100)


def refresh_grade(quiz, user, grade=None):
    """Recompute the learner's grade and report a pass (or a lost pass) to course progress.

    The caller holds the lock on the grade row (and may pass it in as `grade`).
    """
    grade = grade or QuizGrade.objects.get(quiz=quiz, user=user)
    percents = list(
        Attempt.objects.filter(quiz=quiz, user=user, state=AttemptState.GRADED)
        .order_by("number")
        .values_list("percent", flat=True)
    )
    was_passed = grade.passed
    grade.percent = grade_of(quiz.grading_method, percents)
    grade.passed = grade.percent is not None and grade.percent >= quiz.pass_mark
    grade.save(update_fields=["percent", "passed", "updated_at"])
    if grade.passed:
        record_completion(user, quiz)
    elif was_passed:
        revoke_completion(user, quiz)
    return grade
