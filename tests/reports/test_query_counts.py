"""The report, the transcript and the exports cost the same for 10 learners and for 500."""

import pytest

from courses import progress
from learners.models import Assignment, Cohort
from tests.builders import add_lesson, make_user
from tests.courses.test_query_counts import count_queries
from tests.quizzes.builders import make_module, make_quiz, single_choice, take
from tests.reports.builders import RIGHT, add_learners

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_and_large():
    module = make_module("Costs")
    course = module.get_parent().specific
    lesson = add_lesson(module, "Lesson")
    quiz = make_quiz(module, questions=[single_choice()], title="Quiz")
    trainer = make_user("trainer")
    cohorts = []
    for size in (10, 500):
        cohort = Cohort.objects.create(name=f"{size} learners")
        cohort.trainers.add(trainer)
        Assignment.objects.create(cohort=cohort, course=course)
        users = add_learners(cohort, size, prefix=f"c{size}-")
        for user in users[:3]:
            progress.enrol(user, course)
            progress.record_completion(user, lesson)
            take(quiz, user, RIGHT)
        cohorts.append((cohort, users[0]))
    return trainer, cohorts


@pytest.mark.parametrize(
    "url",
    [
        "/learn/cohorts/{cohort}/report/",
        "/learn/cohorts/{cohort}/report/?sort=progress&order=desc",
        "/learn/cohorts/{cohort}/report.csv",
        "/learn/cohorts/{cohort}/report.xlsx",
        "/learn/cohorts/{cohort}/learners/{learner}/transcript/",
        "/learn/cohorts/{cohort}/learners/{learner}/transcript.xlsx",
    ],
)
def test_a_page_costs_the_same_for_10_and_500_learners(client, small_and_large, url):
    trainer, cohorts = small_and_large
    client.force_login(trainer)
    counts = []
    for cohort, learner in cohorts:
        address = url.format(cohort=cohort.pk, learner=learner.pk)
        client.get(address)
        counts.append(count_queries(client, "get", address))
    assert counts[0] == counts[1]
