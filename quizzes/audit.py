"""The record of every mark a person gives, in Wagtail's audit log (append-only).

Each mark or re-mark of an answer is a `ModelLogEntry` on the `Response`: who, when, the
mark and comment before and after, and the marker's reason. They show in the admin's
site history (for those with a permission on responses: administrators) and, newest last,
on the answer's mark form, for whoever may mark it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import LogFormatter, log
from wagtail.models import ModelLogEntry

MARK = "academy.mark"
REMARK = "academy.remark"
MARK_ACTIONS = (MARK, REMARK)


@dataclass(frozen=True)
class MarkState:
    """An answer's mark as it stands: mark None if no one has marked it."""

    mark: object
    comment: str
    marked_by: str

    @property
    def is_marked(self):
        return bool(self.marked_by)

    def as_data(self):
        return {
            "mark": None if self.mark is None else str(self.mark),
            "comment": self.comment,
            "marked_by": self.marked_by,
        }


def _name(user):
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()


def state_of(response):
    """The MarkState of `response` as last read from the database."""
    marked_by = _name(response.marked_by) if response.marked_at else ""
    return MarkState(response.mark, response.marker_comment, marked_by)


def record_mark(response, *, before, mark, comment, reason, marker):
    """Log one mark (or re-mark, if `before` was marked) of `response` by `marker`."""
    attempt = response.attempt
    after = MarkState(mark, comment, _name(marker))
    return log(
        instance=response,
        action=REMARK if before.is_marked else MARK,
        user=marker,
        title=_entry_title(response),
        content_changed=True,
        data={
            "learner": attempt.user_id,
            "attempt": attempt.pk,
            "quiz": attempt.quiz_id,
            "max_mark": str(response.max_mark),
            "before": before.as_data(),
            "after": after.as_data(),
            "reason": reason,
        },
    )


def _entry_title(response):
    attempt = response.attempt
    return (
        f"{_name(attempt.user)} · {attempt.quiz.title} · #{attempt.number} · Q{response.position}"
    )


def mark_history(response):
    """Every mark of `response`, oldest first, with the user who gave it."""
    return list(
        ModelLogEntry.objects.for_instance(response)
        .filter(action__in=MARK_ACTIONS)
        .select_related("user")
        .order_by("timestamp", "pk")
    )


def _mark_text(state, max_mark):
    if state.get("mark") is None:
        return _("no mark")
    return _("%(mark)s of %(max)s") % {"mark": _short(state["mark"]), "max": _short(max_mark)}


def _short(number):
    """'0.5000' → '0.5', '1.00' → '1'."""
    text = str(number)
    return text.rstrip("0").rstrip(".") if "." in text else text


class MarkFormatter(LogFormatter):
    label = _("Mark an answer")

    def format_message(self, log_entry):
        data = log_entry.data
        message = _("Marked: %(before)s → %(after)s") % {
            "before": _mark_text(data.get("before", {}), data.get("max_mark", "")),
            "after": _mark_text(data.get("after", {}), data.get("max_mark", "")),
        }
        if data.get("reason"):
            # The site history shows messages only, so the reason goes in the message.
            message = _("%(message)s (reason: %(reason)s)") % {
                "message": message,
                "reason": data["reason"],
            }
        return message

    def format_comment(self, log_entry):
        return log_entry.data.get("reason", "")


class RemarkFormatter(MarkFormatter):
    label = _("Change an answer's mark")


def register_actions(actions):
    actions.register_action(MARK)(MarkFormatter)
    actions.register_action(REMARK)(RemarkFormatter)
