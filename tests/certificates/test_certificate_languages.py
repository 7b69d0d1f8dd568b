"""One certificate across languages, issued in the learner's language.

The learner may read a course in Russian and finish it in English: the course and its
certificate are one; what the certificate says (its PDF, its page) reads in the learner's
language, with the course title as it was published in that language when it was issued.
"""

import io

from django.urls import reverse
from django.utils import translation

import pypdf
import pytest

from certificates.models import Certificate
from courses import enrolments
from learners.models import LearnerProfile
from tests.builders import lessons_of, make_course, make_user, translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished_across_a_switch(client):
    """Lesson 1 done in Russian, lesson 2 in English: one course, one certificate."""
    course = make_course("Joint investigations", lessons=2)
    translated(course, "ru", title="Совместные расследования")
    first, second = lessons_of(course)
    russian_first = translated(first, "ru", title="Урок 1")
    learner = make_user("officer", first_name="Aziza", last_name="Karimova")
    enrolments.enrol(learner, course)
    client.force_login(learner)
    for lesson in (russian_first, second):
        done = client.post(
            reverse("courses:complete_lesson", args=[lesson.pk]),
            headers={"accept": "application/json"},
        )
        assert done.status_code == 200
    client.logout()
    return learner, course


def english_path(name, certificate):
    with translation.override("en"):
        return reverse(name, args=[certificate.code])


def pdf_text(client, certificate, prefix=""):
    response = client.get(prefix + english_path("certificates:pdf", certificate))
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_a_course_finished_across_a_language_switch_gives_one_certificate(
    finished_across_a_switch,
):
    learner, course = finished_across_a_switch

    certificate = Certificate.objects.get(user=learner)

    assert certificate.course_id == course.pk
    assert certificate.course_title == "Joint investigations"
    assert certificate.course_titles["ru"] == "Совместные расследования"


def test_the_learner_gets_the_pdf_in_the_language_they_read_in(client, finished_across_a_switch):
    learner, _course = finished_across_a_switch
    certificate = Certificate.objects.get(user=learner)
    client.force_login(learner)

    russian = pdf_text(client, certificate, "/ru")
    english = pdf_text(client, certificate)

    assert "Совместные расследования" in russian and "Joint investigations" not in russian
    assert "Joint investigations" in english


def test_others_get_the_pdf_in_the_learner_s_preferred_language(client, finished_across_a_switch):
    learner, _course = finished_across_a_switch
    LearnerProfile.objects.update_or_create(user=learner, defaults={"preferred_language": "ru"})
    certificate = Certificate.objects.get(user=learner)

    text = pdf_text(client, certificate)  # an employer checking it, not logged in

    assert "Совместные расследования" in text


def test_a_language_the_course_was_not_published_in_falls_back_to_english(
    client, finished_across_a_switch
):
    learner, _course = finished_across_a_switch
    certificate = Certificate.objects.get(user=learner)

    page = client.get("/uz" + english_path("certificates:verify", certificate))

    assert page.status_code == 200
    assert page.context["course_title"] == "Joint investigations"
    russian_page = client.get("/ru" + english_path("certificates:verify", certificate))
    assert russian_page.context["course_title"] == "Совместные расследования"


def test_the_title_stays_as_issued_when_the_translation_changes_later(finished_across_a_switch):
    learner, course = finished_across_a_switch
    translated(course, "ru", title="Новое название")

    certificate = Certificate.objects.get(user=learner)

    assert certificate.course_title_in("ru") == "Совместные расследования"
