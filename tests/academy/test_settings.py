"""Production settings are secure by default and refuse to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


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
        ({"SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS"),
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
        SECRET_KEY="k3y-" + "a1B2c3D4e5F6g7H8" * 4,
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
    assert base.LOGIN_URL == "/accounts/login/"


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
        SECRET_KEY="k3y-" + "a1B2c3D4e5F6g7H8" * 4,
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
