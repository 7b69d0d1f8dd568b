"""Demo accounts: a trainer, a course lead, an administrator and two officers in two cohorts.

The password comes from DEMO_PASSWORD, or is generated and printed; none is kept in the
repository. Running the command again resets the demo accounts' password.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from courses.models import CoursePage
from learners.models import Cohort, CourseLead, LearnerProfile

LEARNERS = [
    # username, first, last, agency, country, rank, cohort
    (
        "officer1",
        "Aziza",
        "Karimova",
        "Ministry of Internal Affairs",
        "Uzbekistan",
        "Captain",
        "Cohort A",
    ),
    (
        "officer2",
        "Ivan",
        "Petrov",
        "Ministry of Internal Affairs",
        "Kazakhstan",
        "Lieutenant",
        "Cohort B",
    ),
]
STAFF = [
    # username, first, last, group
    ("trainer", "Dilnoza", "Rahimova", "Trainers"),
    ("lead", "Marat", "Saidov", "Course leads"),
]


class Command(BaseCommand):
    help = "Create or reset the demo accounts and cohorts."

    @transaction.atomic
    def handle(self, *args, **options):
        password = os.environ.get("DEMO_PASSWORD") or secrets.token_urlsafe(12)
        User = get_user_model()

        def account(username, first, last, **extra):
            user, _ = User.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.org",
                    **extra,
                },
            )
            user.set_password(password)
            user.save()
            return user

        trainers = []
        for username, first, last, group in STAFF:
            user = account(username, first, last)
            user.groups.add(Group.objects.get(name=group))
            trainers.append(user)
        admin = account("admin", "Academy", "Administrator", is_staff=True, is_superuser=True)
        admin.groups.add(Group.objects.get(name="Administrators"))

        courses = list(CoursePage.objects.live())
        lead = trainers[1]
        for course in courses:
            CourseLead.objects.get_or_create(user=lead, course=course)
        learners_group = Group.objects.get(name="Learners")
        for username, first, last, agency, country, rank, cohort_name in LEARNERS:
            user = account(username, first, last)
            user.groups.add(learners_group)
            LearnerProfile.objects.update_or_create(
                user=user, defaults={"agency": agency, "country": country, "rank": rank}
            )
            cohort, _ = Cohort.objects.get_or_create(name=cohort_name)
            cohort.learners.add(user)
            cohort.trainers.add(trainers[0])
            cohort.courses.add(*courses)

        self.stdout.write(self.style.SUCCESS("Demo accounts ready:"))
        for username, role in [
            ("officer1", "learner, Cohort A"),
            ("officer2", "learner, Cohort B"),
            ("trainer", "trainer of both cohorts"),
            ("lead", "course lead of every course: approves and publishes"),
            ("admin", "administrator"),
        ]:
            self.stdout.write(f"  {username:<9} ({role})")
        if os.environ.get("DEMO_PASSWORD"):
            self.stdout.write("  password: the value of DEMO_PASSWORD")
        else:
            self.stdout.write(f"  password: {password}")
