"""E-mail learners whose assignment is due in three days or overdue, once per stage.

A reminder is recorded before it is sent, under a unique constraint, so two runs at once
(a cron job and a worker) never send it twice. A moved due date starts the stages afresh.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.progress import progress_table
from learners.assignments import DUE_SOON_DAYS
from learners.models import Assignment, LearnerProfile, ReminderSent


def stage_on(due_date, today):
    if today > due_date:
        return ReminderSent.Stage.OVERDUE
    if (due_date - today).days <= DUE_SOON_DAYS:
        return ReminderSent.Stage.DUE_SOON
    return None


def reminders_due(today=None):
    """[(user, assignment, stage)] that have not been sent yet, in a fixed number of queries."""
    today = today or timezone.localdate()
    assignments = list(
        Assignment.objects.filter(
            due_date__isnull=False,
            due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
            course__live=True,
        )
        .select_related("course", "cohort")
        .prefetch_related("cohort__learners")
    )
    if not assignments:
        return []
    learners = {user.pk: user for a in assignments for user in a.cohort.learners.all()}
    opted_out = set(
        LearnerProfile.objects.filter(user_id__in=learners, reminders_enabled=False).values_list(
            "user_id", flat=True
        )
    )
    sent = set(
        ReminderSent.objects.filter(assignment__in=assignments).values_list(
            "user_id", "assignment_id", "stage", "due_date"
        )
    )
    courses = list({a.course_id: a.course for a in assignments}.values())
    table = progress_table(list(learners), courses)
    due = []
    for assignment in assignments:
        stage = stage_on(assignment.due_date, today)
        for user in assignment.cohort.learners.all():
            done, total = table[(user.pk, assignment.course_id)]
            if user.pk in opted_out or not user.email or (total and done >= total):
                continue
            if (user.pk, assignment.pk, stage, assignment.due_date) in sent:
                continue
            due.append((user, assignment, stage))
    return due


def _send(user, assignment, stage, language):
    context = {
        "user": user,
        "course": assignment.course,
        "due_date": assignment.due_date,
        "overdue": stage == ReminderSent.Stage.OVERDUE,
        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + (assignment.course.url or "/"),
        "profile_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("learners:profile"),
    }
    with translation.override(language):
        if stage == ReminderSent.Stage.OVERDUE:
            subject = _("Overdue: %(course)s") % {"course": assignment.course.title}
        else:
            subject = _("Due soon: %(course)s") % {"course": assignment.course.title}
        body = render_to_string("learners/email/assignment_reminder.txt", context)
    send_mail(subject, body, None, [user.email])


def send_due_reminders(today=None):
    """Send every reminder due today; returns how many were sent."""
    due = reminders_due(today)
    languages = dict(
        LearnerProfile.objects.filter(user_id__in={user.pk for user, _a, _s in due}).values_list(
            "user_id", "preferred_language"
        )
    )
    sent = 0
    for user, assignment, stage in due:
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    user=user, assignment=assignment, stage=stage, due_date=assignment.due_date
                )
                _send(user, assignment, stage, languages.get(user.pk, settings.LANGUAGE_CODE))
        except IntegrityError:  # another run recorded (and sent) it first
            continue
        sent += 1
    return sent
