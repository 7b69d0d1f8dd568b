"""A page not translated yet is shown in English with a note; the catalog names languages."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup

from tests.builders import add_lesson, catalog, make_course, translated

pytestmark = pytest.mark.django_db

NOTE_RU = "Эта страница ещё не переведена на ваш язык"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def note(response):
    """The text of the page's translation note, or None."""
    element = soup(response).select_one(".translation-note[role=note]")
    return element.get_text(" ", strip=True) if element else None


def test_an_untranslated_course_is_shown_in_english_under_ru_with_a_note(client):
    course = make_course("Cooperation basics")

    response = client.get(f"/ru{course.url}")

    assert response.status_code == 200
    assert response.context["page"] == course
    assert note(response).startswith(NOTE_RU)
    assert soup(response).select_one("main#main")["lang"] == "en"
    # Its links (here the breadcrumb to the catalog) keep the reader under /ru/.
    breadcrumb = soup(response).select_one("nav.breadcrumb a")
    assert (breadcrumb["href"], breadcrumb.get_text()) == (f"/ru{catalog().url}", "Курсы")


def test_english_pages_in_english_carry_no_note(client):
    course = make_course()

    response = client.get(course.url)

    assert "translation-note" not in response.text
    assert "/ru/" not in response.text.split('<footer class="site-footer">')[0]


def test_a_translated_course_is_shown_in_its_translation_without_a_note(client):
    course = make_course("Cooperation basics")
    russian = translated(course, "ru", title="Основы сотрудничества")

    response = client.get(f"/ru{course.url}")

    assert response.context["page"] == russian
    assert "translation-note" not in response.text


def test_beside_a_translated_course_an_untranslated_one_is_still_served(client):
    translated(make_course("Cooperation basics"), "ru")  # makes the Russian home and catalog
    other = make_course("Digital evidence")

    response = client.get(f"/ru{other.url}")

    assert response.status_code == 200
    assert response.context["page"] == other
    assert note(response).startswith(NOTE_RU)


def test_a_missing_page_is_still_not_found_under_a_prefix(client):
    make_course()
    assert client.get("/ru/courses/no-such-course/").status_code == 404


def test_the_catalog_marks_the_languages_of_each_course(client):
    course = make_course("Cooperation basics")
    translated(course, "ru", title="Основы сотрудничества")
    make_course("Digital evidence")

    english = client.get(catalog().url).text
    russian = client.get(f"/ru{catalog().url}")

    assert "<dd>English, Russian</dd>" in english
    assert "<dd>English</dd>" in english
    assert "Основы сотрудничества" in russian.text
    assert "Digital evidence" in russian.text
    assert "<dd>английский, русский</dd>" in russian.text.lower()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_catalog_costs_the_same_for_one_course_or_many_in_many_languages(client):
    translated(make_course("First", lessons=1), "ru")
    url = f"/ru{catalog().url}"
    client.get(url)  # warm the site and content-type caches
    one = count_queries(client, url)

    for n in range(3):
        course = make_course(f"Course {n}", lessons=1)
        translated(course, "ru")
        translated(course, "uz")
        add_lesson(course.get_children().first().specific, "Extra")

    client.get(url)  # the new Uzbek tree refreshes the site's cached root paths
    assert count_queries(client, url) == one
