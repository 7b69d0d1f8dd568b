"""The small API through which any kind of step reports that a learner has done it.

A step (a lesson here, a quiz in `quizzes`) calls `record_completion` when the learner has
done it and `revoke_completion` when a later decision takes it back (an essay re-marked as
failing). Completing a course's last step completes the enrolment and sends
`course_completed`; taking a step back reopens it and sends `course_reopened`.
"""

from django.utils import timezone

from courses import audit
from courses.models.progress import Enrolment, StepCompletion
from courses.outline import outline_steps
from courses.signals import course_completed, course_reopened
from courses.tree import course_path_of_step


def completed_step_ids(user, course_path):
    if not user.is_authenticated:
        return set()
    return set(
        StepCompletion.objects.filter(user=user, step__path__startswith=course_path).values_list(
            "step_id", flat=True
        )
    )


def _refresh_course_completion(user, step):
    course_path = course_path_of_step(step)
    total = len(outline_steps(course_path))
    done = StepCompletion.objects.filter(
        user=user,
        step__live=True,
        step__path__startswith=course_path,
        step__depth=step.depth,
    ).count()
    completed_at = timezone.now() if total and done >= total else None
    enrolments = Enrolment.objects.filter(user=user, course__path=course_path)
    if completed_at:
        changed = enrolments.filter(completed_at__isnull=True).update(completed_at=completed_at)
        signal = course_completed
    else:
        changed = enrolments.exclude(completed_at__isnull=True).update(completed_at=None)
        signal = course_reopened
    if changed:
        for enrolment in enrolments.select_related("course", "user"):
            signal.send(sender=Enrolment, enrolment=enrolment)


def record_completion(user, step):
    """Mark `step` done for `user` (idempotent). Returns True if this call completed it."""
    created = not StepCompletion.objects.filter(user=user, step_id=step.pk).exists()
    if created:
        # A double click may race us here: the second insert is ignored (the unique
        # constraint), and refreshing the course's completion twice changes nothing.
        StepCompletion.objects.bulk_create(
            [StepCompletion(user=user, step_id=step.pk)], ignore_conflicts=True
        )
        audit.completion_recorded(user, step, course_path_of_step(step))
        _refresh_course_completion(user, step)
    return created


def revoke_completion(user, step):
    """Take back a completion, e.g. when an essay re-mark turns a pass into a fail."""
    deleted, _ = StepCompletion.objects.filter(user=user, step_id=step.pk).delete()
    if deleted:
        audit.completion_revoked(user, step, course_path_of_step(step))
        _refresh_course_completion(user, step)
    return bool(deleted)
