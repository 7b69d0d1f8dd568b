"""For cron where no task worker runs (or, with --enqueue, to hand the work to the worker).

Run it daily: learners get their due-soon and overdue reminders (once per stage), and each
cohort's trainers their weekly digest (once per week, on the first run of the week).
"""

from django.core.management.base import BaseCommand

from learners.reminders import send_due_reminders
from learners.tasks import send_assignment_reminders
from reports.digest import send_weekly_digests
from reports.tasks import send_weekly_digests as send_weekly_digests_task


class Command(BaseCommand):
    help = "E-mail assignment reminders to learners and the weekly digest to trainers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for the task worker instead of doing it now.",
        )
        parser.add_argument(
            "--no-digests", action="store_true", help="Send the learners' reminders only."
        )

    def handle(self, *args, enqueue=False, no_digests=False, **options):
        if enqueue:
            send_assignment_reminders.enqueue()
            if not no_digests:
                send_weekly_digests_task.enqueue()
            self.stdout.write("Queued the reminders for the task worker.")
            return
        reminders = send_due_reminders()
        digests = 0 if no_digests else send_weekly_digests()
        self.stdout.write(f"Sent {reminders} reminders and {digests} digests.")
