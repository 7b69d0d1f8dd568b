"""One rule says whose records staff see: trainers their cohorts' learners, course leads
their courses' learners, administrators everyone; editing pages grants no sight of answers."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from learners.models import Cohort, CourseLead
from learners.scope import scope_of, visible_cohorts
from tests.builders import course_of, enrolled_learner, make_course, make_user
from tests.quizzes.builders import essay, make_quiz, take

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two cohorts taking one course with an essay quiz; a second course led by no one."""
    quiz = make_quiz(questions=[essay()])
    course = course_of(quiz)
    other_course = make_course("Other course", lessons=1)
    officer, other_officer = enrolled_learner(quiz, "officer"), enrolled_learner(quiz, "other")
    trainer, other_trainer = (
        make_user("trainer", groups=["Trainers"]),
        make_user("other-trainer", groups=["Trainers"]),
    )
    for name, learner, teacher in [("A", officer, trainer), ("C", other_officer, other_trainer)]:
        cohort = Cohort.objects.create(name=name)
        cohort.learners.add(learner)
        cohort.trainers.add(teacher)
        cohort.courses.add(course, other_course)
    lead = make_user("lead", groups=["Course leads"])
    CourseLead.objects.create(user=lead, course=course)
    attempts = {
        learner.username: take(quiz, learner, {"Explain.": f"{learner.username} wrote this."})
        for learner in (officer, other_officer)
    }
    return {
        "quiz": quiz,
        "course": course,
        "other_course": other_course,
        "officer": officer,
        "other_officer": other_officer,
        "trainer": trainer,
        "other_trainer": other_trainer,
        "lead": lead,
        "attempts": attempts,
    }


def mark_url(attempt):
    return reverse("quizzes_admin:mark", args=[attempt.responses.get().pk])


def test_a_trainer_marks_only_the_learners_of_their_cohorts(client, world):
    client.force_login(world["other_trainer"])
    queue = client.get(reverse("quizzes_admin:marking")).text
    assert "other" in queue and "officer" not in queue
    assert client.get(mark_url(world["attempts"]["officer"])).status_code == 404
    assert client.post(mark_url(world["attempts"]["officer"]), {"mark": "1"}).status_code == 404
    assert world["attempts"]["officer"].responses.get().mark is None
    assert client.get(mark_url(world["attempts"]["other"])).status_code == 200


def test_a_course_lead_sees_every_learner_of_the_course_they_lead(client, world):
    client.force_login(world["lead"])
    queue = client.get(reverse("quizzes_admin:marking")).text
    assert "officer" in queue and "other" in queue
    stats = client.get(reverse("quizzes_admin:statistics", args=[world["quiz"].pk])).text
    assert "Computed over every learner of the course." in stats


def test_a_course_lead_leads_nothing_outside_the_group_or_the_courses_they_lead(world):
    lead = world["lead"]
    scope = scope_of(lead)
    assert scope.in_course(world["course"].path).everyone
    assert scope.in_course(world["other_course"].path) is None
    lead.groups.clear()
    assert scope_of(lead).is_empty


def test_an_administrator_sees_everyone(client, world):
    administrator = make_user("administrator", groups=["Administrators"])
    scope = scope_of(administrator)
    assert scope.everything and scope.in_course(world["other_course"].path).everyone
    assert visible_cohorts(administrator).count() == 2


def test_statistics_say_over_whose_answers_they_are_computed(client, world):
    client.force_login(world["trainer"])
    page = client.get(reverse("quizzes_admin:statistics", args=[world["quiz"].pk])).text
    assert "Computed over the 1 learner of your cohorts." in page


def test_a_trainer_of_no_cohort_follows_no_quiz(client, world):
    client.force_login(make_user("newcomer", groups=["Trainers"]))
    assert (
        client.get(reverse("quizzes_admin:statistics", args=[world["quiz"].pk])).status_code == 404
    )
    index = client.get(reverse("quizzes_admin:statistics_index")).text
    assert world["quiz"].title not in index
    assert "officer" not in client.get(reverse("quizzes_admin:marking")).text


def test_a_course_lead_sees_the_cohorts_of_their_course_with_its_column_only(client, world):
    client.force_login(world["lead"])
    listing = client.get(reverse("learners:cohort_list")).text
    assert ">A</a>" in listing and ">C</a>" in listing  # both take the course they lead
    cohort = Cohort.objects.get(name="A")
    detail = client.get(reverse("learners:cohort_detail", args=[cohort.pk])).text
    assert world["course"].title in detail and "Other course" not in detail
    assert "officer" in detail


def test_the_review_queue_lists_questions_of_followed_courses_only(client, world):
    world["quiz"].questions.update(review_by=timezone.localdate() - timedelta(days=1))
    client.force_login(world["trainer"])
    assert "Explain." in client.get(reverse("quizzes_admin:review_queue")).text
    client.force_login(make_user("newcomer", groups=["Trainers"]))
    assert "Explain." not in client.get(reverse("quizzes_admin:review_queue")).text
