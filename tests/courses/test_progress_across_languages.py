"""Progress is one across languages: what is done in Russian counts in English."""

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from courses import completion, enrolments, progress
from courses.models import Enrolment
from courses.translations import source_page
from tests.builders import lessons_of, make_course, make_user, translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_in_russian():
    course = make_course("Cooperation basics", lessons=2)
    russian_course = translated(course, "ru", title="Основы сотрудничества")
    russian_lesson = translated(lessons_of(course)[0], "ru", title="Урок 1")
    return course, russian_course, russian_lesson


def test_the_source_of_a_translation_is_the_english_page(course_in_russian):
    course, russian_course, russian_lesson = course_in_russian

    assert source_page(russian_course) == course
    assert source_page(russian_lesson) == lessons_of(course)[0]
    assert source_page(course) == course


def test_a_lesson_completed_in_russian_counts_for_the_english_course(client, course_in_russian):
    course, _russian_course, russian_lesson = course_in_russian
    learner = make_user("officer")
    enrolments.enrol(learner, course)
    client.force_login(learner)

    response = client.post(
        reverse("courses:complete_lesson", args=[russian_lesson.pk]),
        headers={"accept": "application/json"},
    )

    assert response.status_code == 200
    assert progress.course_progress(learner, course).done == 1


def test_enrolling_from_the_russian_course_enrols_in_the_one_course(client, course_in_russian):
    course, russian_course, _russian_lesson = course_in_russian
    learner = make_user("officer")
    client.force_login(learner)

    with_translation = client.post(reverse("courses:enrol", args=[russian_course.pk]))

    assert with_translation.status_code == 302
    assert list(Enrolment.objects.filter(user=learner).values_list("course_id", flat=True)) == [
        course.pk
    ]


def test_the_russian_course_page_shows_the_progress_made_in_english(client, course_in_russian):
    course, russian_course, _russian_lesson = course_in_russian
    learner = make_user("officer")
    enrolments.enrol(learner, course)
    completion.record_completion(learner, lessons_of(course)[0])
    client.force_login(learner)

    response = client.get(f"/ru{course.url}")

    assert response.context["page"] == russian_course
    assert response.context["progress"].done == 1
    assert response.context["enrolment"] is not None


def test_a_learner_enrolled_in_english_reads_the_russian_lesson(client, course_in_russian):
    course, _russian_course, russian_lesson = course_in_russian
    learner = make_user("officer")
    enrolments.enrol(learner, course)
    client.force_login(learner)

    response = client.get(f"/ru{lessons_of(course)[0].url}")

    assert response.status_code == 200
    assert response.context["page"] == russian_lesson
    assert "translation-note" not in response.text


def test_the_outline_of_a_russian_lesson_reads_in_russian_where_translated(client):
    course = make_course("Cooperation basics", lessons=3)
    translated(course, "ru", title="Основы сотрудничества")
    first, second, third = lessons_of(course)
    russian_first = translated(first, "ru", title="Урок 1")
    translated(second, "ru", title="Урок 2")
    learner = make_user("officer")
    enrolments.enrol(learner, course)
    client.force_login(learner)

    page = BeautifulSoup(client.get(russian_first.url).content, "html.parser")

    assert page.select_one(".breadcrumb a").get_text(strip=True) == "Основы сотрудничества"
    assert "Урок 2" in page.select_one(".pager__next").get_text(" ", strip=True)
    outline = [a.get_text(strip=True) for a in page.select(".outline a, .outline span")]
    assert "Урок 1" in outline and "Урок 2" in outline
    assert third.title in outline  # not translated yet: its English title
    assert page.select_one(".pager__next")["href"].startswith("/ru/")
