"""The life cycle of an attempt: start → in progress (saved) → submitted → graded.

Each step runs in a transaction holding the learner's locks (see `quizzes.locking`).
Deadlines are enforced here, on the server, whenever an attempt is next touched: an attempt
past its time limit is submitted with what was saved (or, with a grace period, can still be
submitted unchanged until the grace period ends, and is abandoned after it).
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.translations import language_of_locale, source_page
from quizzes.content import data_from_version
from quizzes.drafts import drafted_positions
from quizzes.drawing import compose_questions
from quizzes.grades import mark_paper, refresh_grade, score_attempt
from quizzes.locking import lock_attempt, lock_learner
from quizzes.models.attempts import Attempt, AttemptState, Response, ResponseChoice
from quizzes.paper import display_order, load_paper, new_rng
from quizzes.versions import freeze


class QuizUnavailable(Exception):
    """The learner cannot start an attempt now; `message` says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def start_attempt(user, quiz, *, now=None):
    """Start an attempt, or return the one in progress. Returns (attempt, created).

    `quiz` is the quiz page the learner opened, in any language: the paper is drawn in its
    language, while the attempt belongs to the source quiz, so attempts, grades and the
    step's completion are one across languages.
    Raises QuizUnavailable for the reasons `QuizPage.unavailable_reason` gives.
    """
    now = now or timezone.now()
    paper_quiz, quiz = quiz, source_page(quiz)
    reason = quiz.unavailable_reason(now)
    if reason:
        raise QuizUnavailable(reason)
    with transaction.atomic():
        lock_learner(quiz.pk, user.pk)
        current = Attempt.objects.filter(
            quiz=quiz, user=user, state=AttemptState.IN_PROGRESS
        ).first()
        if current is not None:
            current = _close_if_overdue_locked(lock_attempt(current.pk), now)
            if current.is_open:
                return current, False
        counts = Attempt.objects.filter(quiz=quiz, user=user).aggregate(
            used=Max("number"), n=Count("pk")
        )
        reason = quiz.unavailable_reason(now, attempts_used=counts["n"])
        if reason:
            raise QuizUnavailable(reason)
        rng = new_rng()
        questions = compose_questions(paper_quiz, rng)
        reason = quiz.unavailable_reason(now, question_count=len(questions))
        if reason:  # the banks it draws from may be empty
            raise QuizUnavailable(reason)
        versions = freeze(questions)
        deadline = quiz.deadline_for(now)
        try:
            with transaction.atomic():
                attempt = Attempt.objects.create(
                    quiz=quiz,
                    user=user,
                    number=(counts["used"] or 0) + 1,
                    started_at=now,
                    deadline=deadline,
                    grace_ends_at=quiz.grace_end_for(deadline),
                    max_score=sum(versions[q.pk].weight for q in questions),
                    language=language_of_locale(paper_quiz.locale_id),
                )
        except IntegrityError:  # the constraints caught a concurrent start the lock did not
            current = Attempt.objects.filter(
                quiz=quiz, user=user, state=AttemptState.IN_PROGRESS
            ).first()
            if current is None:
                raise QuizUnavailable(
                    _("Another attempt was started at the same moment. Open the quiz again.")
                ) from None
            return current, False
        positions = list(range(1, len(questions) + 1))
        if quiz.shuffle_questions:
            rng.shuffle(positions)
        Response.objects.bulk_create(
            [
                Response(
                    attempt=attempt,
                    slot=slot,
                    position=position,
                    version=versions[question.pk],
                    max_mark=versions[question.pk].weight,
                    display_order=display_order(
                        data_from_version(versions[question.pk]),
                        shuffle_choices=quiz.shuffle_choices,
                        rng=rng,
                    ),
                )
                for slot, (question, position) in enumerate(
                    zip(questions, positions, strict=True), start=1
                )
            ]
        )
    return attempt, True


# Deadlines.


def is_overdue(attempt, now):
    return attempt.deadline is not None and now > attempt.deadline


def in_grace_period(attempt, now):
    return (
        is_overdue(attempt, now)
        and attempt.grace_ends_at is not None
        and now <= attempt.grace_ends_at
    )


def close_if_overdue(attempt, now=None):
    """Submit (or abandon) an attempt whose time is up; returns the attempt as it now is."""
    now = now or timezone.now()
    if not attempt.is_open or not is_overdue(attempt, now) or in_grace_period(attempt, now):
        return attempt
    with transaction.atomic():
        lock_learner(attempt.quiz_id, attempt.user_id)
        return _close_if_overdue_locked(lock_attempt(attempt.pk), now)


def _close_if_overdue_locked(attempt, now):
    if not attempt.is_open or not is_overdue(attempt, now) or in_grace_period(attempt, now):
        return attempt
    if attempt.grace_ends_at is not None:
        attempt.state = AttemptState.ABANDONED
        attempt.save(update_fields=["state"])
        return attempt
    finish_attempt(attempt, load_paper(attempt), attempt.deadline, automatically=True)
    return attempt


# Saving and submitting.


@dataclass
class Outcome:
    """What became of a posted quiz form."""

    SAVED = "saved"
    FINISHED = "finished"
    INVALID = "invalid"
    STALE = "stale"
    CLOSED = "closed"  # the attempt was already submitted (a double click, an old tab)
    TIME_UP = "time_up"

    status: str
    attempt: Attempt
    items: list = field(default_factory=list)
    errors: dict = field(default_factory=dict)
    raw_texts: dict = field(default_factory=dict)


def write_answers(items):
    """Write the items' answers into their response rows: three statements, any length."""
    if not items:
        return
    for item in items:
        item.response.text = item.answer.text
        item.response.answered = not item.answer.is_blank
    Response.objects.bulk_update([item.response for item in items], ["text", "answered"])
    ResponseChoice.objects.filter(response__in=[item.response.pk for item in items]).delete()
    ResponseChoice.objects.bulk_create(
        [
            ResponseChoice(
                response=item.response, choice_id=key, position=position, matched_id=matched
            )
            for item in items
            for key, position, matched in item.kind.selection_rows(item.answer)
        ]
    )


def save_answers(attempt, items, answers, now):
    """Store the answers that differ from the saved ones. Returns True if any did.

    Answers autosaved in the attempt's draft (already laid over `items`) are written into
    the response rows too, and the draft is emptied.
    """
    changed = [
        item for item in items if item.position in answers and answers[item.position] != item.answer
    ]
    drafted = drafted_positions(attempt)
    if not changed and not drafted:
        return False
    for item in changed:
        item.answer = answers[item.position]
    to_write = drafted | {item.position for item in changed}
    write_answers([item for item in items if item.position in to_write])
    attempt.draft = None
    fields = ["draft"]
    if changed:
        attempt.saved_version += 1
        attempt.last_saved_at = now
        fields += ["saved_version", "last_saved_at"]
    attempt.save(update_fields=fields)
    return bool(changed)


def post_answers(attempt, items, parsed, *, saved_version, finish, now=None):
    """Save (and with `finish`, submit) the answers a learner posted for their attempt.

    `items` is the attempt's paper and `parsed` the answers read from the form against it
    (`quizzes.forms.read_attempt_form`). The form's `saved_version` must match the
    attempt's, or the form is stale (another tab saved meanwhile) and nothing is stored;
    when it matches, nothing was saved since `items` was loaded.
    """
    now = now or timezone.now()
    with transaction.atomic():
        grade = lock_learner(attempt.quiz_id, attempt.user_id)
        attempt = lock_attempt(attempt.pk)
        if not attempt.is_open:
            return Outcome(Outcome.CLOSED, attempt)
        if is_overdue(attempt, now):
            if in_grace_period(attempt, now) and finish:
                # Answers can no longer change: submit what was saved before the deadline.
                finish_attempt(attempt, load_paper(attempt), now, grade=grade)
                return Outcome(Outcome.FINISHED, attempt)
            _close_if_overdue_locked(attempt, now)
            return Outcome(Outcome.TIME_UP, attempt)
        if saved_version != str(attempt.saved_version):
            return Outcome(Outcome.STALE, attempt)
        save_answers(attempt, items, parsed.answers, now)
        if parsed.errors:
            return Outcome(Outcome.INVALID, attempt, items, parsed.errors, parsed.raw_texts)
        if finish:
            finish_attempt(attempt, items, now, grade=grade)
            return Outcome(Outcome.FINISHED, attempt, items)
        return Outcome(Outcome.SAVED, attempt, items)


def finish_attempt(attempt, items, submitted_at, *, automatically=False, grade=None):
    """Grade what can be graded; the attempt is then graded or awaiting marking.

    `items` carry the answers to grade (autosaved ones included, see `load_paper`); what
    was only in the draft is written into the responses first.
    """
    drafted = drafted_positions(attempt)
    write_answers([item for item in items if item.position in drafted])
    attempt.draft = None
    marks = mark_paper(items)
    for item in items:
        item.response.mark = item.mark
    Response.objects.bulk_update([item.response for item in items], ["mark"])
    attempt.submitted_at = submitted_at
    attempt.submitted_automatically = automatically
    score_attempt(attempt, marks, submitted_at)
    attempt.save()
    refresh_grade(attempt.quiz, attempt.user, grade)
