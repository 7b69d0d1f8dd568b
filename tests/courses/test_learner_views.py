"""What a learner does in the browser, through Django's test client."""

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from courses import completion, enrolments, progress
from courses.models import Enrolment, StepCompletion
from tests.builders import PASSWORD, lessons_of, make_course, make_user

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(page, selector):
    """The text of the element `selector` finds, spaces collapsed ("" if none)."""
    element = page.select_one(selector)
    return " ".join(element.get_text(" ").split()) if element else ""


@pytest.fixture
def learner(client):
    user = make_user("officer")
    client.force_login(user)
    return user


@pytest.fixture
def course():
    return make_course("Cross-border cooperation", modules=2, lessons=2)


def test_catalog_and_course_page_are_public(client, course):
    catalog = client.get("/courses/")
    assert catalog.status_code == 200
    card_link = soup(catalog).select_one(".card__title a")
    assert card_link.get_text() == "Cross-border cooperation" and card_link["href"] == course.url

    page = client.get(course.url)
    assert page.status_code == 200
    log_in = soup(page).select_one("a.button")
    assert log_in.get_text() == "Log in to enrol" and log_in["href"].startswith("/accounts/login/")


def test_login_page_logs_in_and_returns_to_next(client, course):
    make_user("officer")
    response = client.post(
        "/accounts/login/", {"username": "officer", "password": PASSWORD, "next": course.url}
    )
    assert response.status_code == 302
    assert response.url == course.url


def test_anonymous_visitor_is_sent_to_login_from_a_lesson_and_the_dashboard(client, course):
    lesson = lessons_of(course)[0]
    for url in [lesson.url, "/learn/", "/learn/progress.json"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/accounts/login/?next="), url


def test_enrolling_is_a_post_and_leads_to_the_first_lesson(client, learner, course):
    assert client.get(reverse("courses:enrol", args=[course.pk])).status_code == 405
    assert not Enrolment.objects.exists()

    response = client.post(reverse("courses:enrol", args=[course.pk]))

    assert response.status_code == 302
    assert response.url == lessons_of(course)[0].url
    assert Enrolment.objects.filter(user=learner, course=course).exists()


def test_enrolment_needs_a_csrf_token(learner, course):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(learner)

    response = strict.post(reverse("courses:enrol", args=[course.pk]))

    assert response.status_code == 403
    assert "The form has expired" in response.text
    assert not Enrolment.objects.exists()


def test_a_lesson_needs_an_enrolment(client, learner, course):
    lesson = lessons_of(course)[0]

    response = client.get(lesson.url)

    assert response.status_code == 302
    assert response.url == course.url


def test_reading_a_lesson_shows_outline_navigation_and_progress(client, learner, course):
    enrolments.enrol(learner, course)
    first, second, *_ = lessons_of(course)

    response = client.get(second.url)

    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("a[rel=prev]")["href"] == first.url
    assert page.select_one("a[rel=next]")["href"] == lessons_of(course)[2].url
    assert text_of(page, ".step__kind") == "Lesson · Step 2 of 4"
    assert page.select_one(".outline [aria-current=page]")["href"] == second.url
    assert text_of(page, "form[data-complete-on-read] button") == "Mark as done and continue"


def test_reading_a_lesson_changes_nothing(client, learner, course):
    enrolments.enrol(learner, course)
    client.get(lessons_of(course)[0].url)
    assert not StepCompletion.objects.exists()


def test_marking_done_moves_on_to_the_next_lesson_even_across_modules(client, learner, course):
    enrolments.enrol(learner, course)
    lessons = lessons_of(course)

    response = client.post(reverse("courses:complete_lesson", args=[lessons[1].pk]))

    assert response.status_code == 302
    assert response.url == lessons[2].url  # first lesson of module 2
    assert progress.course_progress(learner, course).done == 1


def test_marking_done_is_never_a_get(client, learner, course):
    enrolments.enrol(learner, course)
    lesson = lessons_of(course)[0]

    response = client.get(reverse("courses:complete_lesson", args=[lesson.pk]))

    assert response.status_code == 405
    assert not StepCompletion.objects.exists()


def test_double_click_on_mark_done_counts_once(client, learner, course):
    enrolments.enrol(learner, course)
    lesson = lessons_of(course)[0]
    url = reverse("courses:complete_lesson", args=[lesson.pk])

    client.post(url)
    client.post(url)

    assert StepCompletion.objects.filter(user=learner, step=lesson).count() == 1


def test_mark_done_answers_json_to_the_script(client, learner, course):
    enrolments.enrol(learner, course)
    lesson = lessons_of(course)[0]

    response = client.post(
        reverse("courses:complete_lesson", args=[lesson.pk]), HTTP_ACCEPT="application/json"
    )

    assert response.json() == {"done": True, "step": lesson.pk}


def test_marking_done_without_enrolment_is_refused(client, learner, course):
    lesson = lessons_of(course)[0]

    response = client.post(
        reverse("courses:complete_lesson", args=[lesson.pk]), HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 403
    assert not StepCompletion.objects.exists()


def test_mark_done_ignores_an_offsite_next(client, learner, course):
    enrolments.enrol(learner, course)
    lessons = lessons_of(course)

    response = client.post(
        reverse("courses:complete_lesson", args=[lessons[0].pk]),
        {"next": "https://evil.example/"},
    )

    assert response.url == lessons[1].url


def test_unknown_lesson_is_a_404_not_a_500(client, learner):
    assert client.post(reverse("courses:complete_lesson", args=[999999])).status_code == 404
    assert client.post(reverse("courses:enrol", args=[999999])).status_code == 404


def test_course_page_offers_resume_at_the_first_unfinished_step(client, learner, course):
    enrolments.enrol(learner, course)
    lessons = lessons_of(course)
    completion.record_completion(learner, lessons[0])

    page = soup(client.get(course.url))

    resume = page.select_one("a.button")
    assert " ".join(resume.get_text().split()) == f"Resume: {lessons[1].title}"
    assert resume["href"] == lessons[1].url
    assert page.select_one("progress#course-progress")["value"] == "25"


def test_dashboard_lists_enrolments_with_progress(client, learner, course):
    enrolments.enrol(learner, course)
    completion.record_completion(learner, lessons_of(course)[0])

    page = soup(client.get("/learn/"))

    [card] = page.select(".card")
    assert text_of(card, ".card__title") == "Cross-border cooperation"
    assert text_of(card, ".progress__text") == "25% complete (1 of 4)"


def test_progress_json_is_the_learners_own(client, learner, course):
    other = make_user("someone-else")
    enrolments.enrol(other, course)
    for lesson in lessons_of(course):
        completion.record_completion(other, lesson)
    enrolments.enrol(learner, course)
    completion.record_completion(learner, lessons_of(course)[0])

    data = client.get("/learn/progress.json").json()

    assert data["user"] == "officer"
    assert [(c["title"], c["done"], c["total"], c["percent"]) for c in data["courses"]] == [
        ("Cross-border cooperation", 1, 4, 25)
    ]


def test_course_progress_json_only_for_an_enrolled_learner(client, learner, course):
    url = reverse("courses:course_progress_json", args=[course.pk])
    assert client.get(url).status_code == 404

    enrolments.enrol(learner, course)
    data = client.get(url).json()

    assert data["total"] == 4
    assert [m["total"] for m in data["modules"]] == [2, 2]
