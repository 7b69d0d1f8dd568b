"""The record of certificates withdrawn and reinstated, in Wagtail's audit log.

Each is a `ModelLogEntry` on the certificate, so it shows in the certificate's history in
the admin and in the site history: who (the marker whose re-mark reopened the course, an
administrator, or no one for the learner's own submission), when, before and after, and
the reason given.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import LogFormatter, log

WITHDRAW = "academy.certificate.withdraw"
REINSTATE = "academy.certificate.reinstate"


def _iso(moment):
    return moment.isoformat() if moment else None


def record_change(certificate, *, revoked_before, reason="", user=None):
    """Log the change of `certificate`'s withdrawal from `revoked_before` to as it is now."""
    if bool(revoked_before) == bool(certificate.revoked_at):
        return None
    return log(
        instance=certificate,
        action=WITHDRAW if certificate.revoked_at else REINSTATE,
        user=user,
        content_changed=True,
        data={
            "learner": certificate.user_id,
            "course": certificate.course_id,
            "before": {"revoked_at": _iso(revoked_before)},
            "after": {"revoked_at": _iso(certificate.revoked_at)},
            "reason": reason,
        },
    )


class WithdrawFormatter(LogFormatter):
    label = _("Withdraw a certificate")
    message = _("Certificate withdrawn")

    def format_comment(self, log_entry):
        return log_entry.data.get("reason", "")


class ReinstateFormatter(WithdrawFormatter):
    label = _("Reinstate a certificate")
    message = _("Certificate reinstated")


def register_actions(actions):
    actions.register_action(WITHDRAW)(WithdrawFormatter)
    actions.register_action(REINSTATE)(ReinstateFormatter)
