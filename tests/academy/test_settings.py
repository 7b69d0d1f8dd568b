"""Production settings are secure by default and refuse to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3y-" + "a1B2c3D4e5F6g7H8" * 4


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    environment.update(DJANGO_SETTINGS_MODULE="academy.settings.production", **env)
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"ALLOWED_HOSTS": "academy.example.org"}, "SECRET_KEY"),
        ({"SECRET_KEY": STRONG_KEY}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without(env, missing):
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_production_passes_the_deploy_check_without_a_warning():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="academy.example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_base_settings_are_safe_as_written():
    from academy.settings import base

    assert base.DEBUG is False
    assert os.environ.get("SECRET_KEY", "") == base.SECRET_KEY
    assert [code for code, _ in base.LANGUAGES] == ["en", "ru", "uz"]
    assert base.WAGTAIL_I18N_ENABLED is True
    assert base.LOGIN_URL == "login"  # reversed under the request's language prefix


def test_production_reads_the_mail_server_from_the_environment():
    show = (
        "from django.core.mail import get_connection; c = get_connection(); "
        "print(c.host, c.port, c.username, c.password, c.use_tls, c.use_ssl, c.timeout)"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        show,
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="academy.example.org",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="academy",
        EMAIL_HOST_PASSWORD="s3cret",
        EMAIL_USE_TLS="1",
    )
    assert result.returncode == 0, result.stderr
    # A mail server that never answers is given up after 10 s, not left to hang a request.
    assert result.stdout.split() == [
        "smtp.example.org",
        "587",
        "academy",
        "s3cret",
        "True",
        "False",
        "10",
    ]


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("Zq8-" + "r7Tk2LmP" * 5, "at least 50 random characters"),  # 44 characters
        ("x" * 60, "at least 50 random characters"),
        ("django-insecure-" + "r7Tk2LmP9wQx" * 4, "django-insecure"),
        ("dev-only-not-secret-7c1f5e0a" + "r7Tk2LmP" * 4, "placeholder"),
        ("test-only-not-secret", "placeholder"),
        ("please-changeme-" + "r7Tk2LmP" * 6, "placeholder"),
    ],
)
def test_production_refuses_a_short_or_placeholder_secret_key(key, reason):
    result = run_manage("check", SECRET_KEY=key, ALLOWED_HOSTS="academy.example.org")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert reason in result.stderr


def test_a_generated_key_like_make_demos_is_accepted():
    import secrets

    result = run_manage(
        "check", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="academy.example.org"
    )
    assert result.returncode == 0, result.stderr


def test_the_session_lasts_a_working_day_unless_the_environment_says_otherwise():
    show = "from django.conf import settings; print(settings.SESSION_COOKIE_AGE)"
    default = run_manage(
        "shell", "--no-imports", "-c", show, SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="a.example.org"
    )
    assert default.stdout.split() == [str(8 * 60 * 60)]
    shorter = run_manage(
        "shell",
        "--no-imports",
        "-c",
        show,
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="a.example.org",
        SESSION_COOKIE_AGE="1800",
    )
    assert shorter.stdout.split() == ["1800"]


@pytest.mark.django_db
def test_a_request_after_idle_time_pushes_the_session_end_a_working_day_ahead(
    client, django_user_model
):
    """The session ends after a day of inactivity, not a day after logging in."""
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from accounts.middleware import SESSION_REFRESHED_AT

    user = django_user_model.objects.create_user("reader", password="pw-reader-123")
    client.force_login(user)
    # As if the learner had logged in seven hours ago and been idle since.
    session = client.session
    session[SESSION_REFRESHED_AT] -= 7 * 60 * 60
    session.save()
    Session.objects.filter(pk=session.session_key).update(
        expire_date=timezone.now() + timedelta(hours=1)
    )

    client.get("/learn/")

    remaining = Session.objects.get(pk=session.session_key).expire_date - timezone.now()
    assert timedelta(hours=7, minutes=59) < remaining <= timedelta(hours=8)


@pytest.mark.django_db
def test_requests_close_together_do_not_write_the_session(client, django_user_model):
    from django.contrib.sessions.models import Session

    user = django_user_model.objects.create_user("reader", password="pw-reader-123")
    client.force_login(user)
    client.get("/learn/")
    first_end = Session.objects.get().expire_date

    client.get("/learn/")

    assert Session.objects.get().expire_date == first_end
