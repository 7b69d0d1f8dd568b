"""Recompute every quiz's statistics and the review flags they raise (e.g. nightly)."""

from django.core.management.base import BaseCommand

from quizzes.models import QuizPage
from quizzes.statistics import quiz_statistics, refresh_flags


class Command(BaseCommand):
    help = "Flag questions whose statistics call for review (see the admin's review queue)."

    def handle(self, *args, **options):
        flagged = 0
        for quiz in QuizPage.objects.all().iterator():
            stats = quiz_statistics(quiz)
            refresh_flags(quiz, stats)
            flagged += sum(1 for question in stats.questions if question.flags)
        self.stdout.write(f"{flagged} question version(s) flagged")
