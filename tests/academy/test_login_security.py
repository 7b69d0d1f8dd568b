"""Login throttling on every login form: wrong passwords lock a username and an address out
for a cool-off period, the lockout page speaks the learner's language, and an
administrator can unlock early."""

from django.core.management import call_command
from django.utils import translation

import pytest
from axes.models import AccessAttempt

from tests.builders import PASSWORD, make_user

pytestmark = pytest.mark.django_db

SITE_LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def log_in(client, url, username, password, address="203.0.113.7", **headers):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def guess_wrong(client, url, username, times=30, address="203.0.113.7"):
    return [log_in(client, url, username, "wrong-guess", address).status_code for _ in range(times)]


def let_the_cool_off_pass(settings):
    """Move the recorded failures back by the cool-off, as if the clock had moved on."""
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= settings.AXES_COOLOFF_TIME
        attempt.save()


def test_thirty_wrong_passwords_lock_the_site_login_until_the_cool_off_ends(client, settings):
    officer = make_user("officer")

    statuses = guess_wrong(client, SITE_LOGIN, "officer")

    assert statuses[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert statuses[-1] == 429
    refused = log_in(client, SITE_LOGIN, "officer", PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session

    let_the_cool_off_pass(settings)

    accepted = log_in(client, SITE_LOGIN, "officer", PASSWORD)
    assert accepted.status_code == 302
    assert accepted["Location"] == settings.LOGIN_REDIRECT_URL
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_the_wagtail_admin_login_is_throttled_too(client):
    make_user("chief", is_superuser=True, is_staff=True)

    guess_wrong(client, ADMIN_LOGIN, "chief")

    refused = log_in(client, ADMIN_LOGIN, "chief", PASSWORD)
    assert refused.status_code == 429
    assert client.get("/admin/").status_code == 302  # still sent to the login page


def test_the_django_admin_is_not_mounted(client):
    assert client.get("/django-admin/login/").status_code == 404


def test_a_username_is_locked_whatever_address_the_guesses_come_from(client, settings):
    make_user("officer")
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, SITE_LOGIN, "officer", "wrong-guess", address=f"198.51.100.{number}")

    assert log_in(client, SITE_LOGIN, "officer", PASSWORD, address="192.0.2.1").status_code == 429


def test_an_address_is_locked_whatever_usernames_it_tries(client, settings):
    make_user("officer")
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, SITE_LOGIN, f"guess-{number}", "wrong-guess", address="203.0.113.9")

    assert log_in(client, SITE_LOGIN, "officer", PASSWORD, address="203.0.113.9").status_code == 429
    assert log_in(client, SITE_LOGIN, "officer", PASSWORD, address="192.0.2.1").status_code == 302


def test_behind_our_proxy_the_forwarded_address_is_counted(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_user("officer")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(
            client,
            SITE_LOGIN,
            "someone",
            "wrong",
            address="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.50",
        )

    from_attacker = log_in(
        client,
        SITE_LOGIN,
        "officer",
        PASSWORD,
        address="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.50",
    )
    # A forged left-most entry does not escape the count: the proxy's own entry is used.
    forged = log_in(
        client,
        SITE_LOGIN,
        "officer",
        PASSWORD,
        address="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.50",
    )
    from_colleague = log_in(
        client,
        SITE_LOGIN,
        "officer",
        PASSWORD,
        address="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.1",
    )
    assert (from_attacker.status_code, forged.status_code) == (429, 429)
    assert from_colleague.status_code == 302


@pytest.mark.parametrize("language", ["ru", "uz"])
def test_the_lockout_page_is_translated(client, settings, language):
    make_user("officer")
    guess_wrong(client, SITE_LOGIN, "officer", times=settings.AXES_FAILURE_LIMIT)

    page = log_in(client, SITE_LOGIN, "officer", PASSWORD, HTTP_ACCEPT_LANGUAGE=language)

    with translation.override(language):
        heading = translation.gettext("Too many failed logins")
    assert heading != "Too many failed logins"
    assert page.status_code == 429
    assert heading in page.content.decode()
    assert f'lang="{language}"' in page.content.decode()


def test_an_administrator_unlocks_a_username_with_a_command(client):
    make_user("officer")
    guess_wrong(client, SITE_LOGIN, "officer")

    call_command("axes_reset_username", "officer")

    assert log_in(client, SITE_LOGIN, "officer", PASSWORD, address="192.0.2.1").status_code == 302
