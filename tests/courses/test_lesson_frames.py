"""A lesson is rendered once per frame and shown to each learner with their own state.

`courses.step_frame` caches a lesson page with a hole for the outline; each request fills
in the learner's outline and CSRF token. A framed page must be, byte for byte but for the
tokens, the page the template renders for that learner, and must never carry another
learner's marks, links or messages.
"""

import re

from django.test import Client
from django.urls import reverse

import pytest

from courses import completion, step_frame
from learners.models import Cohort
from tests.builders import enrolled_learner, lessons_of, make_course, translated

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def browser(user, **options):
    client = Client(**options)
    client.force_login(user)
    return client


def rendered_templates(response):
    return {template.name for template in response.templates}


def without_tokens(response):
    return TOKEN.sub('name="csrfmiddlewaretoken" value=""', response.content.decode())


def rendered_without_frame(monkeypatch, client, url):
    with monkeypatch.context() as patched:
        patched.setattr(step_frame, "_frameable", lambda request, response: False)
        response = client.get(url)
    assert "courses/lesson_page.html" in rendered_templates(response)
    return response


def test_a_lesson_read_again_is_not_rendered_again_even_for_another_learner():
    course = make_course(lessons=3)
    lesson = lessons_of(course)[1]
    first = browser(enrolled_learner(course, "ann"))
    second = browser(enrolled_learner(course, "bob", done=1))

    assert "courses/lesson_page.html" in rendered_templates(first.get(lesson.url))
    again = second.get(lesson.url)

    assert again.status_code == 200
    assert "courses/lesson_page.html" not in rendered_templates(again)
    assert "courses/includes/step_outline_cached.html" in rendered_templates(again)


def test_a_framed_lesson_is_exactly_what_the_template_renders_for_each_learner(monkeypatch):
    course = make_course(lessons=3)
    first, second, _ = lessons_of(course)
    fresh = browser(enrolled_learner(course, "fresh"))
    ahead = browser(enrolled_learner(course, "ahead", done=2))
    trainer = enrolled_learner(course, "trainer")
    Cohort.objects.create(name="Border unit").trainers.add(trainer)
    readers = [fresh, ahead, browser(trainer)]

    for lesson in (first, second):
        for reader in readers * 2:  # the second round reads every frame from the cache
            framed = reader.get(lesson.url)
            assert without_tokens(framed) == without_tokens(
                rendered_without_frame(monkeypatch, reader, lesson.url)
            )


def test_each_learner_sees_their_own_end_of_lesson_and_marks():
    course = make_course(lessons=2)
    first, second = lessons_of(course)
    ann = enrolled_learner(course, "ann")
    ann_reads, bob_reads = browser(ann), browser(enrolled_learner(course, "bob"))
    ann_reads.get(first.url)

    completion.record_completion(ann, first)

    ann_page = ann_reads.get(first.url).content.decode()
    bob_page = bob_reads.get(first.url).content.decode()
    assert "You have completed this lesson." in ann_page
    assert "Mark as done" not in ann_page
    assert "Mark as done" in bob_page
    assert ann_page.count("outline__state") == 1
    assert bob_page.count("outline__state") == 0


def test_the_csrf_token_of_a_framed_lesson_marks_it_done():
    course = make_course(lessons=2)
    first, second = lessons_of(course)
    browser(enrolled_learner(course, "warms-the-frame")).get(first.url)
    learner = enrolled_learner(course, "careful")
    client = browser(learner, enforce_csrf_checks=True)

    page = client.get(first.url)
    assert "courses/lesson_page.html" not in rendered_templates(page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = client.post(
        reverse("courses:complete_lesson", args=[first.pk]), {"csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert completion.completed_step_ids(learner, course.path) == {first.pk}


def test_a_message_for_the_learner_is_shown_once_on_a_framed_lesson():
    course = make_course(lessons=2)
    first, second = lessons_of(course)
    browser(enrolled_learner(course, "warms-the-frame")).get(second.url)
    client = browser(enrolled_learner(course, "reader"))
    notice = f"“{first.title}” is marked as done."

    landing = client.post(reverse("courses:complete_lesson", args=[first.pk]), follow=True)

    assert landing.redirect_chain[-1][0] == second.url
    assert notice in landing.content.decode()
    assert notice not in client.get(second.url).content.decode()


def test_a_page_with_a_query_string_is_rendered_not_framed():
    course = make_course(lessons=2)
    lesson = lessons_of(course)[0]
    client = browser(enrolled_learner(course, "reader"))
    client.get(lesson.url)

    assert "courses/lesson_page.html" in rendered_templates(client.get(lesson.url + "?print=1"))


def test_each_language_of_a_lesson_has_its_own_frame():
    course = make_course("Cooperation basics", lessons=3)
    english, untranslated = lessons_of(course)[:2]
    translated(course, "ru", title="Основы сотрудничества")
    russian = translated(english, "ru", title="Урок первый")
    client = browser(enrolled_learner(course, "reader"))

    for _ in range(2):  # the second round reads every frame from the cache
        in_english = client.get(english.url).content.decode()
        in_russian = client.get(russian.url).content.decode()
        fallback = client.get("/ru" + untranslated.url).content.decode()

        assert '<html lang="en">' in in_english and f">{english.title}</h1>" in in_english
        assert '<html lang="ru">' in in_russian and ">Урок первый</h1>" in in_russian
        assert '<html lang="ru">' in fallback and 'class="wrap translation-note"' in fallback
        assert 'class="wrap translation-note"' not in in_english + in_russian
