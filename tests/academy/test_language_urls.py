"""The URL carries the language; the preferred language decides where a learner lands."""

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from learners.landing import preferred_language
from learners.models import LearnerProfile
from tests.builders import PASSWORD, make_course, make_user, translated

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "language"),
    [("/learn/", "en"), ("/ru/learn/", "ru"), ("/uz/learn/", "uz")],
)
def test_the_url_prefix_decides_the_language(client, url, language):
    client.force_login(make_user("officer"))

    response = client.get(url)

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text


def test_the_url_wins_over_the_profile_and_the_browser(client):
    learner = make_user("officer")
    LearnerProfile.objects.create(user=learner, preferred_language="ru")
    client.force_login(learner)

    response = client.get("/learn/", headers={"accept-language": "uz"})

    assert '<html lang="en">' in response.text


def test_the_brand_leads_home_in_the_same_language(client):
    client.force_login(make_user("officer"))

    assert '<a class="brand" href="/ru/">' in client.get("/ru/learn/").text
    assert '<a class="brand" href="/">' in client.get("/learn/").text


def test_an_unknown_prefix_is_not_a_language(client):
    assert client.get("/de/learn/").status_code == 404


def test_the_admin_and_the_api_stay_unprefixed(client):
    assert reverse("wagtailadmin_home") == "/admin/"
    assert client.get("/ru/admin/").status_code == 404
    assert client.get("/api/v2/pages/").status_code == 200


def test_wagtail_pages_are_served_under_each_prefix(client):
    course = make_course("Cooperation basics")
    path = course.get_url()

    english = client.get(path)
    russian = client.get(f"/ru{path}")

    assert path == "/courses/cooperation-basics/"
    assert '<html lang="en">' in english.text
    assert russian.status_code == 200
    assert '<html lang="ru">' in russian.text


def log_in(client, **headers):
    return client.post(
        "/accounts/login/",
        {"username": "officer", "password": PASSWORD},
        headers=headers,
        follow=True,
    )


def test_a_learner_lands_on_the_dashboard_in_their_profile_language(client):
    learner = make_user("officer")
    LearnerProfile.objects.create(user=learner, preferred_language="ru")

    response = log_in(client, accept_language="uz")

    assert response.redirect_chain[-1][0] == "/ru/learn/"
    assert '<html lang="ru">' in response.text


def test_without_a_profile_the_browser_language_chooses(client):
    make_user("officer")

    response = log_in(client, accept_language="de-DE,uz;q=0.8,ru;q=0.5")

    assert response.redirect_chain[-1][0] == "/uz/learn/"


def test_without_a_profile_or_a_known_browser_language_english(client):
    make_user("officer")

    response = log_in(client, accept_language="de-DE,fr;q=0.8")

    assert response.redirect_chain[-1][0] == "/learn/"


def test_a_region_of_a_known_language_counts_as_that_language():
    assert preferred_language(make_user("officer"), "ru-RU,en;q=0.5") == "ru"


def test_a_next_page_given_to_the_login_is_kept(client):
    make_user("officer")

    response = client.post(
        "/accounts/login/?next=/learn/certificates/",
        {"username": "officer", "password": PASSWORD},
    )

    assert response["Location"] == "/learn/certificates/"


def switch(client, next_url, language):
    """Follow the switcher's link for `language` on the page at `next_url`."""
    return client.get(reverse("switch_language"), {"language": language, "next": next_url})


def test_every_page_links_to_itself_in_each_language(client):
    course = make_course("Cooperation basics")

    html = BeautifulSoup(client.get(course.get_url()).content, "html.parser")

    links = html.find("nav", class_="language-switch").find_all("a")
    assert [link["hreflang"] for link in links] == ["en", "ru", "uz"]
    assert [link.get("aria-current") for link in links] == ["true", None, None]
    for link in links:
        assert (
            client.get(link["href"])["Location"]
            == switch(client, course.get_url(), link["hreflang"])["Location"]
        )


def test_the_switcher_still_takes_the_form_it_used_to_post(client):
    response = client.post(reverse("switch_language"), {"language": "ru", "next": "/learn/"})

    assert response["Location"] == "/ru/learn/"
    assert response.cookies["django_language"].value == "ru"


def test_the_switcher_leads_to_the_same_page_in_the_other_language(client):
    assert switch(client, "/learn/", "ru")["Location"] == "/ru/learn/"
    assert switch(client, "/ru/learn/", "uz")["Location"] == "/uz/learn/"
    assert switch(client, "/uz/learn/certificates/", "en")["Location"] == "/learn/certificates/"


def test_the_switcher_keeps_the_query_string(client):
    assert switch(client, "/learn/?tab=done", "ru")["Location"] == "/ru/learn/?tab=done"


def test_the_switcher_leads_an_untranslated_page_to_the_same_path_with_the_prefix(client):
    course = make_course("Cooperation basics")

    response = switch(client, course.get_url(), "ru")

    assert response["Location"] == "/ru/courses/cooperation-basics/"


def test_the_switcher_leads_a_translated_page_to_its_translation(client):
    course = make_course("Cooperation basics")
    russian = translated(course, "ru", slug="osnovy-sotrudnichestva")

    response = switch(client, course.get_url(), "ru")
    back = switch(client, response["Location"], "en")

    assert response["Location"] == "/ru/courses/osnovy-sotrudnichestva/"
    assert client.get(response["Location"]).context["page"] == russian
    assert back["Location"] == "/courses/cooperation-basics/"


def test_the_switcher_refuses_an_unknown_language_and_a_foreign_next(client):
    assert switch(client, "/learn/", "xx")["Location"] == "/learn/"
    assert switch(client, "https://evil.example/", "ru")["Location"] == "/ru/"
    assert "django_language" not in switch(client, "/learn/", "xx").cookies


@pytest.mark.parametrize(
    "page, login",
    [
        ("/learn/", "/accounts/login/?next=/learn/"),
        ("/ru/learn/", "/ru/accounts/login/?next=/ru/learn/"),
        ("/uz/learn/certificates/", "/uz/accounts/login/?next=/uz/learn/certificates/"),
    ],
)
def test_a_page_that_needs_a_login_asks_for_it_in_its_own_language(client, page, login):
    response = client.get(page)

    assert response.status_code == 302
    assert response["Location"] == login
    form = client.get(response["Location"])
    assert form.status_code == 200
    assert BeautifulSoup(form.content, "html.parser").html["lang"] == page.split("/")[1].replace(
        "learn", "en"
    )
