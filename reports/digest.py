"""The weekly digest to each cohort's trainers: who is behind, and essays waiting."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from learners.models import Cohort, LearnerProfile
from reports.cohort_report import build_cohort_report
from reports.models import DigestSent
from reports.status import Status

BEHIND = (Status.OVERDUE, Status.AT_RISK)


def digest_of(cohort, today=None):
    """What a cohort's digest says: rows behind (overdue or at risk), essays waiting."""
    report = build_cohort_report(cohort, today=today)
    behind = [row for row in report.rows if row.status in BEHIND]
    behind.sort(key=lambda row: (row.status != Status.OVERDUE, row.learner_sort_name))
    return {
        "cohort": cohort,
        "behind": behind,
        "essays_waiting": sum(row.essays_waiting for row in report.rows),
        "counts": report.counts(),
        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("reports:cohort_report", args=[cohort.pk]),
    }


def send_weekly_digests(today=None):
    """Send each trainer of each cohort this week's digest, unless already sent."""
    today = today or timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    cohorts = Cohort.objects.prefetch_related("trainers").filter(trainers__isnull=False).distinct()
    sent = 0
    for cohort in cohorts:
        trainers = [t for t in cohort.trainers.all() if t.email]
        if not trainers:
            continue
        already = set(
            DigestSent.objects.filter(cohort=cohort, week=monday).values_list(
                "trainer_id", flat=True
            )
        )
        trainers = [t for t in trainers if t.pk not in already]
        if not trainers:
            continue
        context = digest_of(cohort, today=today)
        languages = dict(
            LearnerProfile.objects.filter(user__in=trainers).values_list(
                "user_id", "preferred_language"
            )
        )
        for trainer in trainers:
            try:
                with transaction.atomic():
                    DigestSent.objects.create(trainer=trainer, cohort=cohort, week=monday)
                    with translation.override(languages.get(trainer.pk, settings.LANGUAGE_CODE)):
                        subject = _("Weekly digest: %(cohort)s") % {"cohort": cohort.name}
                        body = render_to_string(
                            "reports/email/weekly_digest.txt", {**context, "trainer": trainer}
                        )
                    send_mail(subject, body, None, [trainer.email])
            except IntegrityError:  # another run sent it first
                continue
            sent += 1
    return sent
