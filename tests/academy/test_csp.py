"""Content-Security-Policy and Permissions-Policy: the learner site runs no inline script,
the Wagtail admin gets the looser policy it needs, and no template brings inline code back."""

import re
from pathlib import Path

import pytest

from tests.builders import make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: sources.split()
        for name, _, sources in (part.strip().partition(" ") for part in policy.split(";"))
    }


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/password-reset/"])
def test_the_learner_site_allows_only_its_own_script_files(client, path):
    policy = directives(client.get(path))

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_a_logged_in_learners_pages_carry_the_policy_too(client):
    client.force_login(make_user("officer", groups=["Learners"]))
    policy = directives(client.get("/learn/"))
    assert "'unsafe-inline'" not in policy["script-src"]


def test_the_wagtail_admin_gets_inline_scripts_and_nothing_else_more(client):
    client.force_login(make_user("chief", is_superuser=True))
    policy = directives(client.get("/admin/"))

    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_every_page_turns_off_the_features_the_academy_never_uses(client):
    header = client.get("/accounts/login/")["Permissions-Policy"]
    for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"]:
        assert feature in header


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)


@pytest.mark.parametrize("template", sorted((ROOT / "templates").rglob("*.html")), ids=str)
def test_no_template_carries_inline_script_handlers_or_styles(template):
    """What the policy would block in a browser is kept out of the templates in the first place."""
    source = template.read_text()
    assert not INLINE_SCRIPT.search(source), "move the script to a file under static/js/"
    assert not INLINE_HANDLER.search(source), "bind the handler in a file under static/js/"
    assert not INLINE_STYLE.search(source), "use a class from static/css/"
