"""A cached page for anonymous visitors is answered before sessions and users are looked at,
and is still the page the full stack would have served: same body, same headers, the
visitor's own CSRF token, in the language of the URL."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from tests.builders import make_course, make_user

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = ["Content-Security-Policy", "Permissions-Policy", "X-Frame-Options"]


def without_token(response):
    return response.content.decode().split('name="csrfmiddlewaretoken"')[0]


def test_the_cached_page_is_the_page_the_view_served():
    course = make_course("Border checks")
    first = Client().get(course.url)  # rendered by the view, and cached

    with CaptureQueriesContext(connection) as queries:
        again = Client().get(course.url)

    assert len(queries) == 0
    # answered before the session and user middleware ran
    assert not hasattr(again.wsgi_request, "session") and not hasattr(again.wsgi_request, "user")
    assert without_token(again) == without_token(first)
    for header in [*SECURITY_HEADERS, "Content-Language", "Content-Length", "Vary"]:
        assert again[header] == first[header], header
    assert "Cookie" in again["Vary"]
    assert again.cookies["csrftoken"].value != first.cookies["csrftoken"].value


def test_each_language_of_the_url_has_its_own_cached_page():
    course = make_course("Border checks")
    Client().get(course.url)
    Client().get(f"/ru{course.url}")

    english = Client().get(course.url)
    russian = Client().get(f"/ru{course.url}")

    assert english["Content-Language"] == "en" and '<html lang="en">' in english.text
    assert russian["Content-Language"] == "ru" and '<html lang="ru">' in russian.text


def test_a_visitor_with_a_session_is_never_given_the_anonymous_page(client):
    course = make_course("Border checks")
    Client().get(course.url)  # cached for anonymous visitors
    client.force_login(make_user("someone"))

    page = client.get(course.url)

    assert "Log in to enrol" not in page.text
    assert "Log out" in page.text


def test_a_visitor_keeps_their_csrf_cookie_on_a_cached_page():
    course = make_course()
    Client().get(course.url)
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(course.url)
    cookie = visitor.cookies["csrftoken"].value

    again = visitor.get(course.url)

    assert again.cookies["csrftoken"].value == cookie  # the visitor's own, not a new one
    token = again.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = visitor.post("/i18n/setlang/", {"language": "ru", "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and visitor.cookies["csrftoken"].value == cookie
