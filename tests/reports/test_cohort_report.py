"""The cohort report: what it says of each learner, how it sorts and filters, who sees it."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from learners.models import CourseLead
from reports.cohort_report import build_cohort_report
from reports.status import Status, status_of
from tests.builders import make_user
from tests.reports.builders import hand_built_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    return hand_built_cohort(due_in_days=-1)


def by_learner(report):
    return {row.learner.username: row for row in report.rows}


def test_the_report_says_where_each_learner_stands(built):
    rows = by_learner(build_cohort_report(built["cohort"]))

    alice, bob, carol = rows["alice"], rows["bob"], rows["carol"]
    assert (alice.done, alice.total, alice.percent, alice.status) == (3, 3, 100, "complete")
    assert (bob.done, bob.percent, bob.status, bob.last_activity) == (0, 0, "overdue", None)
    assert (carol.done, carol.percent, carol.status) == (2, 66, "overdue")
    check, written = (cell for cell in alice.quizzes)
    assert (check.quiz.title, float(check.grade), check.attempts) == ("Check", 100.0, 2)
    assert (written.quiz.title, float(written.grade), written.attempts) == (
        "Written answer",
        100.0,
        1,
    )
    assert carol.essays_waiting == 1 and alice.essays_waiting == 0
    assert alice.last_activity is not None


def test_the_report_counts_the_learners_in_each_status(built):
    report = build_cohort_report(built["cohort"])
    counts = {status.value: count for status, count in report.counts()}
    assert counts == {"overdue": 2, "at_risk": 0, "not_started": 0, "on_track": 0, "complete": 1}


@pytest.mark.parametrize(
    ("percent", "due_in", "idle_days", "expected"),
    [
        (100, -5, 30, Status.COMPLETE),
        (50, -1, 0, Status.OVERDUE),
        (10, 10, 8, Status.AT_RISK),  # 20 days in, 10 to go: should be at 66 %, idle 8 days
        (10, 10, 2, Status.ON_TRACK),  # behind, but active within the last 7 days
        (90, 10, 30, Status.ON_TRACK),  # idle but ahead of schedule
        (0, None, None, Status.NOT_STARTED),
    ],
)
def test_status_rules(percent, due_in, idle_days, expected):
    today = datetime.date(2030, 6, 1)
    status = status_of(
        percent=percent,
        complete=percent == 100,
        due_date=today + datetime.timedelta(days=due_in) if due_in is not None else None,
        assigned_on=today - datetime.timedelta(days=20),
        last_activity=timezone.make_aware(
            datetime.datetime.combine(today - datetime.timedelta(days=idle_days), datetime.time(12))
        )
        if idle_days is not None
        else None,
        today=today,
    )
    assert status == expected


def test_the_number_of_idle_days_before_at_risk_is_a_setting(settings):
    today = datetime.date(2030, 6, 1)
    arguments = {
        "percent": 10,
        "complete": False,
        "due_date": today + datetime.timedelta(days=10),
        "assigned_on": today - datetime.timedelta(days=20),
        "last_activity": timezone.make_aware(datetime.datetime(2030, 5, 28, 12)),
        "today": today,
    }
    settings.REPORT_AT_RISK_AFTER_DAYS = 7
    assert status_of(**arguments) == Status.ON_TRACK
    settings.REPORT_AT_RISK_AFTER_DAYS = 3
    assert status_of(**arguments) == Status.AT_RISK


def test_the_report_page_sorts_and_filters(client, built):
    client.force_login(built["trainer"])
    url = reverse("reports:cohort_report", args=[built["cohort"].pk])

    by_progress = client.get(url, {"sort": "progress", "order": "desc"})
    overdue = client.get(url, {"status": "overdue"})
    other_course = client.get(url, {"course": "999999"})

    names = [row.learner.username for row in by_progress.context["rows"]]
    assert names == ["alice", "carol", "bob"]
    assert 'aria-sort="descending"' in by_progress.text
    assert {row.learner.username for row in overdue.context["rows"]} == {"bob", "carol"}
    assert other_course.context["rows"] == []
    assert "No learner and course match these filters." in other_course.text


def test_the_report_page_shows_counts_quizzes_and_links_to_transcripts(client, built):
    client.force_login(built["trainer"])
    page = client.get(reverse("reports:cohort_report", args=[built["cohort"].pk])).text

    assert "Learners in each status" in page
    assert reverse("reports:transcript", args=[built["cohort"].pk, built["alice"].pk]) in page
    assert reverse("reports:quiz_results", args=[built["cohort"].pk, built["check"].pk]) in page
    assert "2 attempts" in page
    assert "report.csv" in page and "report.xlsx" in page


def test_unknown_filters_are_ignored_not_an_error(client, built):
    client.force_login(built["trainer"])
    url = reverse("reports:cohort_report", args=[built["cohort"].pk])
    response = client.get(url, {"course": "x", "status": "nonsense", "sort": "password"})
    assert response.status_code == 200
    assert len(response.context["rows"]) == 3


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("trainer", 200),
        ("lead", 200),
        ("admin", 200),
        ("superuser", 200),
        ("other-trainer", 404),
        ("alice", 404),
    ],
)
def test_only_trainers_leads_and_administrators_see_a_cohorts_report(client, built, who, status):
    lead = make_user("lead", groups=["Course leads"])
    CourseLead.objects.create(user=lead, course=built["course"])
    users = {
        "trainer": built["trainer"],
        "lead": lead,
        "admin": make_user("admin", groups=["Administrators"]),
        "superuser": make_user("root", is_superuser=True),
        "other-trainer": make_user("other-trainer", groups=["Trainers"]),
        "alice": built["alice"],
    }
    client.force_login(users[who])
    cohort = built["cohort"].pk
    urls = [
        reverse("reports:cohort_report", args=[cohort]),
        reverse("reports:report_export", args=[cohort, "csv"]),
        reverse("reports:report_export", args=[cohort, "xlsx"]),
        reverse("reports:transcript", args=[cohort, built["alice"].pk]),
        reverse("reports:transcript_export", args=[cohort, built["alice"].pk, "csv"]),
        reverse("reports:quiz_results", args=[cohort, built["check"].pk]),
    ]
    assert [client.get(url).status_code for url in urls] == [status] * len(urls)


def test_a_visitor_is_sent_to_log_in(client, built):
    response = client.get(reverse("reports:cohort_report", args=[built["cohort"].pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_transcript_is_only_of_a_learner_of_the_cohort(client, built):
    client.force_login(built["trainer"])
    stranger = make_user("stranger")
    url = reverse("reports:transcript", args=[built["cohort"].pk, stranger.pk])
    assert client.get(url).status_code == 404
