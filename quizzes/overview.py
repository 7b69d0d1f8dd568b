"""What the quiz page shows a learner: their attempts, their grade, whether they can start."""

from dataclasses import dataclass

from django.utils import timezone

from courses.translations import source_page
from quizzes.attempts import close_if_overdue
from quizzes.models.attempts import Attempt, AttemptState, QuizGrade


@dataclass
class QuizOverview:
    attempts: list
    open_attempt: Attempt | None
    grade: QuizGrade | None
    attempts_left: int | None  # None: unlimited
    unavailable: str  # why no attempt can start now, or ""
    question_count: int
    can_preview: bool

    @property
    def can_start(self):
        return not self.unavailable and self.open_attempt is None


def quiz_overview(user, quiz, now=None):
    """The overview of `quiz` as opened, in any language; attempts and grade are the
    source quiz's, which every language shares."""
    now = now or timezone.now()
    if not user.is_authenticated:
        return None
    paper_quiz, quiz = quiz, source_page(quiz)
    attempts = list(Attempt.objects.filter(quiz=quiz, user=user).order_by("number"))
    open_attempt = next((a for a in attempts if a.state == AttemptState.IN_PROGRESS), None)
    if open_attempt is not None:
        closed = close_if_overdue(open_attempt, now)
        if not closed.is_open:
            attempts[attempts.index(open_attempt)] = closed
            open_attempt = None
    grade = QuizGrade.objects.filter(quiz=quiz, user=user, percent__isnull=False).first()
    left = None
    if quiz.attempts_allowed:
        left = max(0, quiz.attempts_allowed - len(attempts))
    question_count = paper_quiz.question_count()
    return QuizOverview(
        attempts=attempts,
        open_attempt=open_attempt,
        grade=grade,
        attempts_left=left,
        # An open attempt can be continued whatever the count of attempts says.
        unavailable=quiz.unavailable_reason(
            now,
            attempts_used=0 if open_attempt else len(attempts),
            question_count=question_count,
        ),
        question_count=question_count,
        # Learners never edit pages: spare them the page-permission queries.
        can_preview=user.has_perm("wagtailadmin.access_admin")
        and paper_quiz.permissions_for_user(user).can_edit(),
    )
