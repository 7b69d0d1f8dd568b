"""Trainers assign courses to a cohort; each learner sees what is assigned, due and overdue."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation

import pytest

from courses import completion, enrolments
from learners.assignments import assigned_courses
from learners.models import Assignment, Cohort, LearnerProfile
from tests.builders import PASSWORD, lessons_of, make_course, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    cohort = Cohort.objects.create(name="Border officers")
    cohort.trainers.add(make_user("trainer"))
    cohort.learners.add(make_user("officer"))
    return cohort


def test_a_learner_sees_each_assigned_course_with_its_due_date_and_state(client, cohort):
    today = timezone.localdate()
    late = make_course("Late course", lessons=2)
    soon = make_course("Soon course", lessons=2)
    done = make_course("Done course", lessons=1)
    Assignment.objects.create(cohort=cohort, course=late, due_date=today - datetime.timedelta(1))
    Assignment.objects.create(cohort=cohort, course=soon, due_date=today + datetime.timedelta(2))
    Assignment.objects.create(cohort=cohort, course=done, due_date=today - datetime.timedelta(1))
    officer = cohort.learners.get()
    enrolments.enrol(officer, done)
    completion.record_completion(officer, lessons_of(done)[0])

    items = {item.course.title: item for item in assigned_courses(officer)}

    assert items["Late course"].is_overdue
    assert items["Soon course"].is_due_soon and not items["Soon course"].is_overdue
    assert items["Done course"].is_complete and not items["Done course"].is_overdue
    client.force_login(officer)
    page = client.get(reverse("courses:dashboard")).text
    assert "Assigned to you" in page
    assert "Overdue" in page and "Due in 2 days" in page and "Done" in page


def test_the_overdue_state_follows_the_learners_own_time_zone(cohort):
    course = make_course("Night course", lessons=1)
    due = datetime.date(2026, 3, 1)
    Assignment.objects.create(cohort=cohort, course=course, due_date=due)
    officer = cohort.learners.get()
    # 22:00 UTC on the due date is already the next day in Tashkent (UTC+5).
    moment = datetime.datetime(2026, 3, 1, 22, 0, tzinfo=datetime.UTC)
    in_utc = moment.date()
    in_tashkent = timezone.localtime(
        moment, timezone=datetime.timezone(datetime.timedelta(hours=5))
    )

    assert not assigned_courses(officer, today=in_utc)[0].is_overdue
    assert assigned_courses(officer, today=in_tashkent.date())[0].is_overdue


def test_the_dashboard_speaks_the_learners_language_and_time_zone(client, cohort):
    course = make_course("Course", lessons=1)
    Assignment.objects.create(cohort=cohort, course=course, due_date=datetime.date(2030, 5, 17))
    officer = cohort.learners.get()
    LearnerProfile.objects.create(user=officer, preferred_language="ru", time_zone="Asia/Tashkent")
    client.post(reverse("login"), {"username": "officer", "password": PASSWORD})

    with translation.override("ru"):  # the language is in the URL: /ru/learn/
        page = client.get(reverse("courses:dashboard")).text

    assert "Назначено вам" in page
    assert "17 мая 2030" in page
    assert client.session["time_zone"] == "Asia/Tashkent"


def test_a_course_assigned_by_two_cohorts_counts_once_by_the_earlier_date(cohort):
    course = make_course("Shared", lessons=1)
    other = Cohort.objects.create(name="Other")
    other.learners.add(cohort.learners.get())
    Assignment.objects.create(cohort=cohort, course=course, due_date=datetime.date(2030, 6, 1))
    Assignment.objects.create(cohort=other, course=course, due_date=datetime.date(2030, 5, 1))

    items = assigned_courses(cohort.learners.get())

    assert [(item.course.title, item.due_date) for item in items] == [
        ("Shared", datetime.date(2030, 5, 1))
    ]


def test_a_trainer_assigns_a_course_with_a_due_date(client, cohort):
    course = make_course("To assign", lessons=1)
    client.force_login(cohort.trainers.get())
    url = reverse("learners:cohort_assignments", args=[cohort.pk])

    response = client.post(
        url,
        {
            "assignments-TOTAL_FORMS": "1",
            "assignments-INITIAL_FORMS": "0",
            "assignments-0-course": str(course.pk),
            "assignments-0-due_date": "2030-01-31",
        },
    )

    assert response.status_code == 302
    assignment = Assignment.objects.get(cohort=cohort)
    assert (assignment.course, assignment.due_date) == (course, datetime.date(2030, 1, 31))


def test_a_bad_due_date_is_refused_with_a_message_and_nothing_saved(client, cohort):
    course = make_course("To assign", lessons=1)
    client.force_login(cohort.trainers.get())
    url = reverse("learners:cohort_assignments", args=[cohort.pk])

    response = client.post(
        url,
        {
            "assignments-TOTAL_FORMS": "1",
            "assignments-INITIAL_FORMS": "0",
            "assignments-0-course": str(course.pk),
            "assignments-0-due_date": "31/31/2030",
        },
    )

    assert response.status_code == 200
    assert "Enter a valid date" in response.text
    assert not Assignment.objects.exists()


def test_only_the_cohorts_trainers_assign_its_courses(client, cohort):
    client.force_login(make_user("another-trainer"))
    url = reverse("learners:cohort_assignments", args=[cohort.pk])
    assert client.get(url).status_code == 404
    client.force_login(cohort.learners.get())
    assert client.get(url).status_code == 404


def test_administrators_assign_courses_in_the_cohort_editor_of_the_admin(client, cohort):
    course = make_course("Admin course", lessons=1)
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    url = reverse("wagtailsnippets_learners_cohort:edit", args=[cohort.pk])

    page = client.get(url)

    assert page.status_code == 200
    assert "assignments-TOTAL_FORMS" in page.text
    form = {
        "name": cohort.name,
        "description": "",
        "courses": [],
        "trainers": [str(u.pk) for u in cohort.trainers.all()],
        "learners": [str(u.pk) for u in cohort.learners.all()],
        "assignments-TOTAL_FORMS": "1",
        "assignments-INITIAL_FORMS": "0",
        "assignments-MIN_NUM_FORMS": "0",
        "assignments-MAX_NUM_FORMS": "1000",
        "assignments-0-course": str(course.pk),
        "assignments-0-due_date": "2030-02-01",
        "assignments-0-ORDER": "1",
        "assignments-0-id": "",
        "assignments-0-DELETE": "",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.text[:3000]
    assert Assignment.objects.get(cohort=cohort).due_date == datetime.date(2030, 2, 1)


def test_the_dashboard_costs_the_same_for_one_and_many_assignments(client, cohort):
    from tests.courses.test_query_counts import count_queries

    officer = cohort.learners.get()
    client.force_login(officer)
    Assignment.objects.create(cohort=cohort, course=make_course("One", lessons=1))
    client.get("/learn/")
    one = count_queries(client, "get", "/learn/")
    for n in range(4):
        Assignment.objects.create(cohort=cohort, course=make_course(f"More {n}", lessons=3))
    client.get("/learn/")  # new courses were published: the shared caches fill again
    many = count_queries(client, "get", "/learn/")
    assert one == many
