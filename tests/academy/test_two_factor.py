"""Second factor: staff may turn on an authenticator app, administrators must, and a session
that owes a code reaches nothing until it gives one."""

import re
from base64 import b32decode

from django.core.management import call_command

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.builders import PASSWORD, make_user

pytestmark = pytest.mark.django_db

SETUP = "/accounts/two-factor/"
VERIFY = "/accounts/two-factor/verify/"


@pytest.fixture(autouse=True)
def _administrators_must(settings):
    settings.ADMINISTRATORS_MUST_USE_SECOND_FACTOR = True
    # A test gives the next step's code instead of waiting 30 s for it; clock-drift learning
    # (on in production) would shift the window if a step boundary fell between two posts.
    settings.OTP_TOTP_SYNC = False


def code_for(key_hex, *, ahead=0):
    """The code an authenticator app shows now (or `ahead` steps later) for a hex key."""
    return f"{totp(bytes.fromhex(key_hex), drift=ahead):06d}"


def key_on_page(response):
    """The base32 key the setup page shows, as the hex django-otp stores."""
    shown = re.search(r'<code id="totp-key">([A-Z2-7 ]+)</code>', response.content.decode())
    return b32decode(shown.group(1).replace(" ", "")).hex()


def log_in(client, username):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD})


def enrol(client):
    page = client.get(SETUP)
    key = key_on_page(page)
    client.post(SETUP, {"code": code_for(key), "next": "/admin/"})
    return key


def test_a_trainer_turns_on_an_authenticator_app(client):
    trainer = make_user("trainer", groups=["Trainers"])
    log_in(client, "trainer")

    page = client.get(SETUP)
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.content.decode()  # the QR code
    key = key_on_page(page)

    turned_on = client.post(SETUP, {"code": code_for(key), "next": "/admin/"})

    assert turned_on.status_code == 302
    assert turned_on["Location"] == "/admin/"
    device = TOTPDevice.objects.get(user=trainer)
    assert device.confirmed is True
    assert device.key == key
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_does_not_turn_it_on(client):
    trainer = make_user("trainer", groups=["Trainers"])
    log_in(client, "trainer")
    key = key_on_page(client.get(SETUP))
    wrong = f"{(int(code_for(key)) + 1) % 1_000_000:06d}"

    page = client.post(SETUP, {"code": wrong})

    assert page.status_code == 200
    assert "That code is not right" in page.content.decode()
    assert not TOTPDevice.objects.filter(user=trainer, confirmed=True).exists()


def test_a_trainer_without_a_device_is_not_forced(client):
    make_user("trainer", groups=["Trainers"])
    log_in(client, "trainer")
    assert client.get("/admin/").status_code == 200


def test_learners_have_no_second_factor_page(client):
    make_user("officer", groups=["Learners"])
    log_in(client, "officer")
    assert client.get(SETUP).status_code == 404
    assert client.get("/learn/").status_code == 200


def test_after_enrolment_the_password_alone_opens_nothing(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no pause after the wrong code (shown below)
    make_user("lead", groups=["Course leads"])
    log_in(client, "lead")
    key = enrol(client)
    client.post("/accounts/logout/")

    log_in(client, "lead")

    for path in ["/admin/", "/admin/pages/", "/learn/"]:
        refused = client.get(path)
        assert refused.status_code == 302
        assert refused["Location"].startswith(VERIFY + "?next=")
    wrong = client.post(VERIFY, {"code": "000000" if code_for(key) != "000000" else "111111"})
    assert "That code is not right" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    # The enrolment used this step's code; an app shows the next one a moment later.
    verified = client.post(VERIFY, {"code": code_for(key, ahead=1), "next": "/admin/pages/"})
    assert verified["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_after_a_wrong_code_even_the_right_one_waits(client):
    """django-otp doubles a pause after each wrong code, so codes cannot be guessed fast."""
    make_user("lead", groups=["Course leads"])
    log_in(client, "lead")
    key = enrol(client)
    client.post("/accounts/logout/")
    log_in(client, "lead")
    right = code_for(key, ahead=1)

    client.post(VERIFY, {"code": "000000" if right != "000000" else "111111"})
    refused = client.post(VERIFY, {"code": right})

    assert refused.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_a_used_code_cannot_be_replayed(client):
    make_user("lead", groups=["Course leads"])
    log_in(client, "lead")
    key = enrol(client)
    client.post("/accounts/logout/")
    log_in(client, "lead")

    replayed = client.post(VERIFY, {"code": code_for(key)})

    assert replayed.status_code == 200
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "fields",
    [{"groups": ["Administrators"]}, {"is_superuser": True, "is_staff": True}],
    ids=["administrators-group", "superuser"],
)
def test_an_administrator_must_enrol_before_anything_else(client, fields):
    make_user("chief", **fields)
    log_in(client, "chief")

    for path in ["/admin/", "/learn/"]:
        sent = client.get(path)
        assert sent.status_code == 302
        assert sent["Location"].startswith(SETUP + "?next=")
    assert client.post("/accounts/logout/").status_code == 302  # logging out stays possible

    log_in(client, "chief")
    enrol(client)
    assert client.get("/admin/").status_code == 200


def test_the_wagtail_admin_login_leads_to_the_code_too(client):
    make_user("lead", groups=["Course leads"])
    log_in(client, "lead")
    enrol(client)
    client.post("/accounts/logout/")

    client.post("/admin/login/", {"username": "lead", "password": PASSWORD})

    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_a_lost_phone_is_removed_with_a_command(client):
    lead = make_user("lead", groups=["Course leads"])
    log_in(client, "lead")
    enrol(client)

    call_command("remove_second_factor", "lead")

    assert not TOTPDevice.objects.filter(user=lead).exists()


def test_staff_find_it_under_their_account_in_the_admin(client):
    make_user("trainer", groups=["Trainers"])
    log_in(client, "trainer")

    account = client.get("/admin/account/").content.decode()

    assert f'href="{SETUP}"' in account
