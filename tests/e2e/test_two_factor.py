"""An administrator enrols an authenticator app in a browser, then logs in with and without
its code: without it the Wagtail admin stays shut."""

import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture
def chief(academy_site):
    """A fresh administrator (superuser in the Administrators group), without a device."""
    academy_site.shell(
        f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
user, _ = get_user_model().objects.update_or_create(
    username="e2e-chief", defaults={{"is_staff": True, "is_superuser": True}}
)
user.set_password({academy_site.password!r})
user.save()
user.groups.add(Group.objects.get(name="Administrators"))
TOTPDevice.objects.filter(user=user).delete()
"""
    )
    return "e2e-chief"


STEP = 30  # seconds each code lasts


def code_for(key_base32):
    """What the authenticator app shows for the key now."""
    return f"{totp(b32decode(key_base32.replace(' ', ''))):06d}"


def next_code(key_base32, used_step):
    """A code is good once: as a person would, wait for the app to show a new one."""
    while int(time.time() // STEP) <= used_step:
        time.sleep(STEP - time.time() % STEP + 0.2)
    return code_for(key_base32)


def admin_login(page, username, password):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_an_administrator_enrols_a_device_and_then_needs_its_code(page, academy_site, chief):
    admin_login(page, chief, academy_site.password)

    # The password alone leads to enrolment, not to the admin.
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/\?next="))
    expect(page.get_by_role("img", name="QR code of your authenticator key")).to_be_visible()
    key = page.locator("#totp-key").inner_text()
    enrolled_at = int(time.time() // STEP)
    page.get_by_label("Six-digit code from your authenticator app").fill(code_for(key))
    page.get_by_role("button", name="Turn on").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", name=re.compile("Cooperation Academy"))).to_be_visible()

    # Log out, log in with the password only: the admin refuses until the code is given.
    page.context.clear_cookies()
    admin_login(page, chief, academy_site.password)
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/verify/"))
    page.goto("/admin/pages/")
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/verify/\?next=%2Fadmin%2Fpages%2F"))
    expect(page.get_by_role("heading", name="Two-step verification")).to_be_visible()

    page.get_by_label("Six-digit code from your authenticator app").fill(
        next_code(key, enrolled_at)
    )
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/$"))
