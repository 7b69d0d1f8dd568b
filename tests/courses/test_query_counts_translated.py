"""A course in several languages costs what an English-only course costs, per page.

Each language has its tree in the route table (`courses.routing`): a page under /ru/ is
found without walking the tree, and an English page does not pay for the translations.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from courses import completion, enrolments
from tests.builders import lessons_of, make_course, make_user, translated

pytestmark = pytest.mark.django_db

LESSON_PAGE = 10  # the budget of issue 10, in every language


def queries_for(client, url):
    client.get(url)  # warm the shared caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def learner_of(client):
    def enrolled(course):
        learner = make_user("officer")
        enrolments.enrol(learner, course)
        completion.record_completion(learner, lessons_of(course)[0])
        client.force_login(learner)
        return learner

    return enrolled


def test_a_translated_course_costs_its_learners_no_more_queries(client, learner_of):
    course = make_course("Cooperation basics", modules=2, lessons=6)
    learner_of(course)
    english_lesson = lessons_of(course)[2]
    english_only = queries_for(client, english_lesson.url)

    translated(course, "ru", title="Основы сотрудничества")
    russian_lesson = translated(english_lesson, "ru", title="Урок 3")

    assert queries_for(client, english_lesson.url) == english_only <= LESSON_PAGE
    assert russian_lesson.url.startswith("/ru/")
    russian = queries_for(client, russian_lesson.url)
    assert russian <= LESSON_PAGE
    page = client.get(russian_lesson.url)
    assert page.context["page"].pk == russian_lesson.pk


def test_an_untranslated_lesson_under_ru_is_still_the_english_one_with_its_note(client, learner_of):
    course = make_course("Cooperation basics", lessons=3)
    learner_of(course)
    translated(course, "ru", title="Основы сотрудничества")
    english_lesson = lessons_of(course)[1]

    response = client.get("/ru" + english_lesson.url)

    assert response.status_code == 200
    assert response.context["page"].pk == english_lesson.pk
