"""Where a learner stands in an assigned course: one status, decided in one place."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_AT_RISK_AFTER_DAYS = 7


class Status(models.TextChoices):
    OVERDUE = "overdue", _("Overdue")
    AT_RISK = "at_risk", _("At risk")
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    COMPLETE = "complete", _("Complete")


def at_risk_after_days():
    return getattr(settings, "REPORT_AT_RISK_AFTER_DAYS", DEFAULT_AT_RISK_AFTER_DAYS)


def expected_percent(assigned_on, due_date, today):
    """How far along a learner should be by `today` if they work steadily to the due date."""
    if due_date is None:
        return 0
    span = (due_date - assigned_on).days
    if span <= 0:
        return 100
    return max(0, min(100, 100 * (today - assigned_on).days // span))


def status_of(*, percent, complete, due_date, assigned_on, last_activity, today):
    """Complete; overdue (past the due date); at risk (behind schedule and idle for N days)."""
    if complete:
        return Status.COMPLETE
    if due_date is not None and today > due_date:
        return Status.OVERDUE
    idle_since = today - datetime.timedelta(days=at_risk_after_days())
    idle = last_activity is None or last_activity.date() <= idle_since
    behind = due_date is not None and percent < expected_percent(assigned_on, due_date, today)
    if behind and idle:
        return Status.AT_RISK
    if percent == 0 and last_activity is None:
        return Status.NOT_STARTED
    return Status.ON_TRACK
