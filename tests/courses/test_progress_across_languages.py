"""Progress is one across languages: what is done in Russian counts in English."""

from django.urls import reverse

import pytest

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


def test_a_russian_lesson_names_its_course_and_steps_in_russian(client, course_in_russian):
    course, _russian_course, _russian_lesson = course_in_russian
    learner = make_user("officer")
    enrolments.enrol(learner, course)
    client.force_login(learner)

    response = client.get(f"/ru{lessons_of(course)[1].url}")  # the lesson not translated

    outline = response.context["progress"]
    assert outline.title == "Основы сотрудничества"
    assert [step.title for step in outline.steps] == ["Урок 1", "Lesson 1.2"]
    assert outline.modules[0].title == "Module 1"  # not translated: in English
    html = response.text
    assert '<a href="/ru/courses/cooperation-basics/">Основы сотрудничества</a>' in html
    assert ">Урок 1</a>" in html
    assert response.context["previous_step"].title == "Урок 1"


def test_the_outline_reads_in_english_for_an_english_reader(course_in_russian):
    course, _russian_course, _russian_lesson = course_in_russian

    outline = progress.course_progress(make_user("officer"), course, "en")

    assert outline.title == "Cooperation basics"
    assert [step.title for step in outline.steps] == ["Lesson 1.1", "Lesson 1.2"]
