"""Page cost must not grow with the size of a course or of a cohort, and stays in budget.

Each test measures the same request on a small and a large course (or cohort), with the
shared caches warm, and requires the same number of SQL queries, within the budget below.
The large course also has many other learners enrolled, who must cost nothing; it is built
once for the tests that share it.
"""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from courses import completion, enrolments
from learners.models import Cohort
from tests.builders import (
    catalog,
    enrolled_learner,
    lessons_of,
    make_course,
    make_user,
    modules_of,
)

pytestmark = pytest.mark.django_db

# The budget per page for an enrolled officer (issue 10).
LESSON_PAGE = 10
LESSON_PAGE_MEASURED = 3
COURSE_PAGE = 10
MODULE_PAGE = 10
COMPLETION = 10
DASHBOARD = 8
ANONYMOUS_PAGE = 3


def count_queries(client, method, url, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, **kwargs)
    assert response.status_code in (200, 302), (url, response.status_code)
    return len(queries)


def log_in(client, course, username, done=1):
    client.force_login(enrolled_learner(course, username, done=done))


class TestOneCourseOfThreeLessonsAndOneOfSixty(TestCase):
    """The small and the large course are built once for the class (the slowest set-up of
    the suite); each test's own learners and completions are rolled back after it."""

    @classmethod
    def setUpTestData(cls):
        cls.small = make_course("Small", lessons=3)
        cls.large = make_course("Large", modules=4, lessons=15)
        for n in range(25):
            enrolled_learner(cls.large, f"classmate-{n}", done=n)

    @property
    def courses(self):
        return [self.small, self.large]

    def warm_counts(self, who, page_of):
        """The queries of `page_of(course)` for a learner of each course, caches warm."""
        counts = []
        for course in self.courses:
            log_in(self.client, course, f"{who}-{course.slug}")
            url = page_of(course).url
            self.client.get(url)  # warm the caches
            counts.append(count_queries(self.client, "get", url))
        return counts

    def test_course_page_costs_the_same_for_3_and_60_lessons(self):
        counts = self.warm_counts("reader", lambda course: course)
        assert counts[0] == counts[1] <= COURSE_PAGE

    def test_lesson_page_costs_the_same_for_3_and_60_lessons(self):
        counts = self.warm_counts("learner", lambda course: lessons_of(course)[1])
        assert counts[0] == counts[1] <= LESSON_PAGE
        # As measured: the session, the user, and the learner's enrolment and steps done in
        # one statement (`courses.learner_state`); everything else comes from the cache.
        assert counts[0] == LESSON_PAGE_MEASURED

    def test_module_page_costs_the_same_for_3_and_60_lessons(self):
        counts = self.warm_counts("module", lambda course: modules_of(course)[0])
        assert counts[0] == counts[1] <= MODULE_PAGE

    def test_anonymous_catalog_and_course_pages_cost_almost_nothing(self):
        counts = []
        for url in [catalog().url, self.small.url, self.large.url]:
            self.client.get(url)
            counts.append(count_queries(self.client, "get", url))
        assert max(counts) <= ANONYMOUS_PAGE
        assert counts[1] == counts[2]

    def test_progress_json_costs_the_same_for_short_and_long_courses(self):
        counts = []
        for course in self.courses:
            log_in(self.client, course, f"json-{course.slug}")
            self.client.get("/learn/progress.json")
            counts.append(count_queries(self.client, "get", "/learn/progress.json"))
        assert counts[0] == counts[1]

    def test_marking_a_lesson_done_does_not_walk_the_course(self):
        counts = []
        for course, index in [(self.small, 1), (self.large, 58)]:  # lesson 2 of 3, 59 of 60
            log_in(self.client, course, f"done-{course.slug}", done=index)
            lesson = lessons_of(course)[index]
            self.client.get(lesson.url)  # warm the caches
            url = reverse("courses:complete_lesson", args=[lesson.pk])
            counts.append(count_queries(self.client, "post", url))
        assert counts[0] == counts[1] <= COMPLETION


def test_dashboard_costs_the_same_for_one_short_and_several_long_courses(client):
    few = make_user("few")
    short = make_course("Short", lessons=3)
    enrolments.enrol(few, short)
    many = make_user("many")
    for n in range(4):
        course = make_course(f"Long {n}", modules=3, lessons=5)
        enrolments.enrol(many, course)
        for lesson in lessons_of(course)[:7]:
            completion.record_completion(many, lesson)

    counts = []
    for user in (few, many):
        client.force_login(user)
        client.get("/learn/")
        counts.append(count_queries(client, "get", "/learn/"))
    assert counts[0] == counts[1] <= DASHBOARD


def test_cohort_page_costs_the_same_for_2_and_30_learners(client):
    trainer = make_user("trainer")
    course = make_course(lessons=3)
    counts = []
    for size in (2, 30):
        cohort = Cohort.objects.create(name=f"Cohort of {size}")
        cohort.trainers.add(trainer)
        cohort.courses.add(course)
        for n in range(size):
            learner = make_user(f"c{size}-{n}")
            cohort.learners.add(learner)
            completion.record_completion(learner, lessons_of(course)[n % 3])
        client.force_login(trainer)
        url = reverse("learners:cohort_detail", args=[cohort.pk])
        client.get(url)
        counts.append(count_queries(client, "get", url))
    assert counts[0] == counts[1]
