"""A trainer marks an essay answer; the attempt and the learner's grade follow."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import LogContext

from quizzes import audit
from quizzes.grades import refresh_grade, score_attempt
from quizzes.locking import lock_attempt, lock_learner
from quizzes.models import Response
from quizzes.rubrics import levels_mark


class MarkingError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def mark_response(response, *, mark, comment, marker, reason="", now=None):
    """Record a trainer's mark for an essay answer and regrade the attempt.

    A re-mark needs a reason; every mark goes on the record (`quizzes.audit`), and so do
    the completion and certificate it takes back or restores, under the marker's name.
    """
    now = now or timezone.now()
    with transaction.atomic(), LogContext(user=marker):
        grade = lock_learner(response.attempt.quiz_id, response.attempt.user_id)
        attempt = lock_attempt(response.attempt_id)
        if not attempt.is_finished:
            raise MarkingError(_("This attempt has not been submitted."))
        if not Decimal(0) <= mark <= response.max_mark:
            raise MarkingError(_("Give a mark from 0 to %(max)s.") % {"max": response.max_mark})
        # Audit: read the mark as it stands under the lock, then log it with the new one.
        current = Response.objects.select_related(
            "marked_by", "attempt__user", "attempt__quiz"
        ).get(pk=response.pk)
        before = audit.state_of(current)
        if before.is_marked and not reason.strip():
            raise MarkingError(_("Say why you change the mark: it goes on the record."))
        Response.objects.filter(pk=response.pk).update(
            mark=mark, marker_comment=comment, marked_by=marker, marked_at=now
        )
        audit.record_mark(
            current, before=before, mark=mark, comment=comment, reason=reason.strip(), marker=marker
        )
        marks = list(attempt.responses.values_list("mark", flat=True))
        score_attempt(attempt, marks, now)
        attempt.save()
        refresh_grade(attempt.quiz, attempt.user, grade)
    return attempt


def mark_with_rubric(response, *, picks, comment, marker, reason="", now=None):
    """Mark an essay from the rubric levels picked; the attempt is regraded as for any mark
    (and a re-mark needs a reason, as any re-mark)."""
    mark, chosen = levels_mark(response.version, picks)
    with transaction.atomic():
        attempt = mark_response(
            response, mark=mark, comment=comment, marker=marker, reason=reason, now=now
        )
        Response.objects.filter(pk=response.pk).update(rubric_levels=chosen)
    return attempt
