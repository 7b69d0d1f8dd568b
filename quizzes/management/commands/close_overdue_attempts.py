"""Submit (or abandon) every attempt whose time is up, e.g. from cron every few minutes.

Attempts are closed lazily whenever they are next touched; this catches those of learners
who never come back, so that grades and statistics are complete.
"""

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from quizzes.attempts import close_if_overdue
from quizzes.models import Attempt, AttemptState


class Command(BaseCommand):
    help = "Submit the saved answers of attempts past their deadline (or abandon them)."

    def handle(self, *args, **options):
        now = timezone.now()
        overdue = Attempt.objects.filter(state=AttemptState.IN_PROGRESS, deadline__lt=now).filter(
            Q(grace_ends_at__isnull=True) | Q(grace_ends_at__lt=now)
        )
        closed = 0
        for attempt in overdue.select_related("quiz").iterator():
            closed += not close_if_overdue(attempt, now).is_open
        self.stdout.write(f"{closed} overdue attempt(s) closed")
