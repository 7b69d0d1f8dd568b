"""Reminders: due in three days or overdue, once per stage; opt-out; the trainers' digest."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from courses import progress
from learners.models import Assignment, Cohort, LearnerProfile, ReminderSent
from learners.reminders import send_due_reminders
from reports.digest import send_weekly_digests
from tests.builders import lessons_of, make_course, make_user

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 6, 10)  # a Monday


@pytest.fixture
def cohort():
    cohort = Cohort.objects.create(name="Border officers")
    cohort.trainers.add(make_user("trainer", email="trainer@example.org"))
    for name in ("aziz", "irina"):
        cohort.learners.add(make_user(name, email=f"{name}@example.org", first_name=name.title()))
    return cohort


def assign(cohort, due_in, title="Joint investigations"):
    course = make_course(title, lessons=2)
    return Assignment.objects.create(
        cohort=cohort, course=course, due_date=TODAY + datetime.timedelta(days=due_in)
    )


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_reminder_goes_three_days_before_the_due_date_and_only_once(cohort):
    assign(cohort, due_in=3)

    assert send_due_reminders(TODAY - datetime.timedelta(days=1)) == 0  # four days before
    assert send_due_reminders(TODAY) == 2
    assert send_due_reminders(TODAY) == 0
    assert send_due_reminders(TODAY + datetime.timedelta(days=1)) == 0

    assert recipients() == ["aziz@example.org", "irina@example.org"]
    assert mail.outbox[0].subject == "Due soon: Joint investigations"
    assert "is due on" in mail.outbox[0].body


def test_an_overdue_reminder_follows_once_after_the_due_date(cohort):
    assign(cohort, due_in=1)
    send_due_reminders(TODAY)
    mail.outbox.clear()

    assert send_due_reminders(TODAY + datetime.timedelta(days=2)) == 2
    assert send_due_reminders(TODAY + datetime.timedelta(days=3)) == 0
    assert mail.outbox[0].subject == "Overdue: Joint investigations"
    assert ReminderSent.objects.filter(stage="overdue").count() == 2


def test_a_learner_who_finished_the_course_is_not_reminded(cohort):
    assignment = assign(cohort, due_in=2)
    aziz = cohort.learners.get(username="aziz")
    progress.enrol(aziz, assignment.course)
    for lesson in lessons_of(assignment.course):
        progress.record_completion(aziz, lesson)

    send_due_reminders(TODAY)

    assert recipients() == ["irina@example.org"]


def test_a_learner_who_turned_reminders_off_gets_none(client, cohort):
    assign(cohort, due_in=0)
    irina = cohort.learners.get(username="irina")
    client.force_login(irina)
    client.post(
        "/learn/profile/",
        {"preferred_language": "en", "time_zone": "", "reminders_enabled": ""},
    )
    assert LearnerProfile.objects.get(user=irina).reminders_enabled is False

    send_due_reminders(TODAY)

    assert recipients() == ["aziz@example.org"]


def test_a_reminder_is_written_in_the_learners_language(cohort):
    assign(cohort, due_in=-1)
    LearnerProfile.objects.create(
        user=cohort.learners.get(username="irina"), preferred_language="ru"
    )

    send_due_reminders(TODAY)

    russian = next(m for m in mail.outbox if m.to == ["irina@example.org"])
    assert russian.subject.startswith("Просрочено")


def test_the_weekly_digest_tells_trainers_who_is_behind_and_what_waits(cohort):
    assign(cohort, due_in=-2, title="Late course")

    assert send_weekly_digests(TODAY) == 1
    assert send_weekly_digests(TODAY + datetime.timedelta(days=3)) == 0  # same week
    assert send_weekly_digests(TODAY + datetime.timedelta(days=7)) == 1  # next week

    digest = mail.outbox[0]
    assert digest.to == ["trainer@example.org"]
    assert digest.subject == "Weekly digest: Border officers"
    assert "Aziz, Late course: Overdue, 0%" in digest.body
    assert "Irina, Late course: Overdue, 0%" in digest.body
    assert "0 essays are waiting for marking." in digest.body


def due_in_three_days_from_now(cohort):
    Assignment.objects.create(
        cohort=cohort,
        course=make_course("Now", lessons=1),
        due_date=timezone.localdate() + datetime.timedelta(days=3),
    )


def test_the_command_for_cron_does_the_same(cohort):
    due_in_three_days_from_now(cohort)
    call_command("send_reminders")
    call_command("send_reminders")
    reminders = [m for m in mail.outbox if m.subject.startswith("Due soon")]
    digests = [m for m in mail.outbox if m.subject.startswith("Weekly digest")]
    assert len(reminders) == 2 and len(digests) == 1


def test_the_command_can_hand_the_work_to_the_task_worker(cohort):
    due_in_three_days_from_now(cohort)
    call_command("send_reminders", "--enqueue")  # the immediate backend runs it at once here
    assert len([m for m in mail.outbox if m.subject.startswith("Due soon")]) == 2
