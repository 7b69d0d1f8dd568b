"""A scaled data set for `make bench`: thousands of learners in cohorts, with a history.

Run after `load_seed_content` and `create_demo_accounts`. Rows go in with bulk_create, so
2,000 learners and 20,000 graded attempts take seconds, not hours. Learners are called
bench-0001, ...; their password is BENCH_PASSWORD (default: bench-password). The demo
`trainer` follows every bench cohort.
"""

import os
import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from courses.models import CoursePage, Enrolment, StepCompletion
from courses.tree import step_depth
from learners.models import Cohort
from quizzes.models import Attempt, AttemptState, QuizGrade, QuizPage

BATCH = 2000


class Command(BaseCommand):
    help = "Add bench learners, cohorts, enrolments, completions and graded attempts."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=2000)
        parser.add_argument("--cohorts", type=int, default=20)
        parser.add_argument("--attempts", type=int, default=20000)

    @transaction.atomic
    def handle(self, *args, learners, cohorts, attempts, **options):
        rng = random.Random(10)  # the same data set every time
        User = get_user_model()
        if User.objects.filter(username__startswith="bench-").exists():
            self.stdout.write("The bench data set is already there.")
            return
        password = make_password(os.environ.get("BENCH_PASSWORD", "bench-password"))
        users = User.objects.bulk_create(
            [
                User(username=f"bench-{n:04d}", password=password, first_name=f"Officer {n}")
                for n in range(1, learners + 1)
            ],
            batch_size=BATCH,
        )
        group = Group.objects.get(name="Learners")
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=u.pk, group_id=group.pk) for u in users],
            batch_size=BATCH,
        )

        courses = list(CoursePage.objects.live().order_by("path"))
        trainer = User.objects.filter(username="trainer").first()
        per_cohort = max(1, learners // cohorts)
        for c in range(cohorts):
            cohort = Cohort.objects.create(name=f"Bench cohort {c + 1:02d}")
            cohort.learners.set(users[c * per_cohort : (c + 1) * per_cohort])
            cohort.courses.set(courses)
            if trainer:
                cohort.trainers.add(trainer)

        now = timezone.now()
        Enrolment.objects.bulk_create(
            [Enrolment(user=u, course=course) for u in users for course in courses],
            batch_size=BATCH,
        )
        steps = {
            course.pk: list(
                Page.objects.live()
                .descendant_of(course)
                .filter(depth=step_depth(course.depth))
                .order_by("path")
                .values_list("pk", flat=True)
            )
            for course in courses
        }
        completions = []
        for u in users:
            for course in courses:
                done = rng.randint(0, len(steps[course.pk]) - 1)
                completions += [
                    StepCompletion(user=u, step_id=pk) for pk in steps[course.pk][:done]
                ]
        StepCompletion.objects.bulk_create(completions, batch_size=BATCH)

        quizzes = list(QuizPage.objects.live().filter(time_limit_minutes__isnull=True))
        per_learner = max(1, min(len(quizzes), attempts // max(1, learners)))
        rows, grades = [], []
        for u in users:
            for quiz in rng.sample(quizzes, per_learner):
                percent = Decimal(rng.randint(20, 100))
                started = now - timedelta(days=rng.randint(1, 60), minutes=rng.randint(0, 600))
                rows.append(
                    Attempt(
                        quiz=quiz,
                        user=u,
                        number=1,
                        state=AttemptState.GRADED,
                        started_at=started,
                        submitted_at=started + timedelta(minutes=12),
                        graded_at=started + timedelta(minutes=12),
                        score=percent / 10,
                        max_score=Decimal(10),
                        percent=percent,
                        passed=percent >= 70,
                    )
                )
                grades.append(QuizGrade(quiz=quiz, user=u, percent=percent, passed=percent >= 70))
        Attempt.objects.bulk_create(rows, batch_size=BATCH)
        QuizGrade.objects.bulk_create(grades, batch_size=BATCH)
        self.stdout.write(
            f"{len(users)} learners in {cohorts} cohorts, {len(completions)} completions, "
            f"{len(rows)} graded attempts."
        )
