"""A cached page for anonymous visitors is answered before sessions and users are looked at,
and is still the page the full stack would have served: same body, same headers, in the
language of the URL. It carries no per-visitor token and sets no cookie, so any cache in
front of the app (nginx in the stack) may share it."""

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from courses import caching
from tests.builders import catalog, make_course, make_user, modules_of

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = ["Content-Security-Policy", "Permissions-Policy", "X-Frame-Options"]


def test_the_cached_page_is_the_page_the_view_served():
    course = make_course("Border checks")
    first = Client().get(course.url)  # rendered by the view, and cached

    with CaptureQueriesContext(connection) as queries:
        again = Client().get(course.url)

    assert len(queries) == 0
    # answered before the session and user middleware ran
    assert not hasattr(again.wsgi_request, "session") and not hasattr(again.wsgi_request, "user")
    assert again.content == first.content
    for header in [*SECURITY_HEADERS, "Content-Language", "Content-Length", "Vary"]:
        assert again[header] == first[header], header
    assert "Cookie" in again["Vary"]


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


@pytest.mark.parametrize("page", ["catalog", "course", "module"])
def test_an_anonymous_page_has_no_token_and_sets_no_cookie(page):
    course = make_course()
    url = {"catalog": catalog().url, "course": course.url, "module": modules_of(course)[0].url}[
        page
    ]

    for response in (Client().get(url), Client().get(url)):  # rendered, then from the cache
        assert response.status_code == 200
        assert "csrfmiddlewaretoken" not in response.text
        assert not response.cookies
        assert "Set-Cookie" not in response


def test_a_page_with_a_form_is_not_cached_for_anonymous_visitors(rf):
    request = rf.get("/courses/with-a-form/")
    request.user = AnonymousUser()
    token = '<input type="hidden" name="csrfmiddlewaretoken" value="a-visitors-own">'
    plain = rf.get("/courses/without-a-form/")
    plain.user = AnonymousUser()

    caching.keep_anonymous_page(request, HttpResponse(f"<form>{token}</form>"))
    caching.keep_anonymous_page(plain, HttpResponse("<p>Same for everyone.</p>"))

    assert caching.cached_anonymous_page(request) is None  # a token is never shared
    assert caching.cached_anonymous_page(plain).content == b"<p>Same for everyone.</p>"
