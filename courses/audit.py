"""The record of completions taken back and given back, in Wagtail's audit log.

A completion is revoked when a later decision fails a step the learner had passed (an
essay re-marked, a new attempt under "last attempt" grading), and restored when the
learner passes it again. Each is a `ModelLogEntry` on the learner's enrolment in the
course; whoever caused it (the marker, or no one for the learner's own submission) is
the acting user of Wagtail's log context.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import LogFormatter, log
from wagtail.models import ModelLogEntry

from courses.models.progress import Enrolment

REVOKE = "academy.completion.revoke"
RESTORE = "academy.completion.restore"


def _log(action, user, step, course_path, before, after):
    enrolment = Enrolment.objects.filter(user=user, course__path=course_path).first()
    if enrolment is None:  # staff trying a step outside any enrolment: nothing to record
        return None
    return log(
        instance=enrolment,
        action=action,
        title=f"{user.get_username()} · {step.title}",
        content_changed=True,
        data={
            "learner": user.pk,
            "step": step.pk,
            "step_title": step.title,
            "before": {"completed": before},
            "after": {"completed": after},
        },
    )


def completion_revoked(user, step, course_path):
    return _log(REVOKE, user, step, course_path, before=True, after=False)


def completion_recorded(user, step, course_path):
    """Log a new completion if it gives back one revoked earlier (one query otherwise)."""
    revoked_before = ModelLogEntry.objects.filter(
        content_type__app_label=Enrolment._meta.app_label,
        content_type__model=Enrolment._meta.model_name,
        action=REVOKE,
        data__learner=user.pk,
        data__step=step.pk,
    ).exists()
    if revoked_before:
        return _log(RESTORE, user, step, course_path, before=False, after=True)
    return None


class RevokeFormatter(LogFormatter):
    label = _("Revoke a completed step")

    def format_message(self, log_entry):
        return _("Step no longer completed: %(step)s") % {"step": log_entry.data.get("step_title")}


class RestoreFormatter(LogFormatter):
    label = _("Restore a completed step")

    def format_message(self, log_entry):
        return _("Step completed again: %(step)s") % {"step": log_entry.data.get("step_title")}


def register_actions(actions):
    actions.register_action(REVOKE)(RevokeFormatter)
    actions.register_action(RESTORE)(RestoreFormatter)
