"""Browser tests: Playwright drives Debian's chromium against the real server process.

The site under test is what `make demo` serves: gunicorn with `academy.settings.production`,
whitenoise and hashed static files, on 127.0.0.1 and a free port, over a SQLite file in a
temporary folder that this conftest migrates and seeds. The tests talk to it over HTTP
only; pytest-django's test database is never used here (no `db` fixture), and server-side
state is set up through management commands run against the same database file.

The suite runs once, in `make test` on SQLite: under `make test-postgres` (DATABASE_URL
names PostgreSQL) the e2e tests are skipped, since they would test the same SQLite server
again. Without chromium they skip with the reason, except in CI, where they fail.
"""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import expect

# A CI machine may be slower than a laptop: assertions wait up to 10 s for the page to get
# there (Playwright's default is 5 s). A passing assertion returns as soon as it holds.
expect.set_options(timeout=10_000)

E2E_DIR = Path(__file__).resolve().parent
REPO = E2E_DIR.parent.parent
ARTIFACTS = E2E_DIR / "artifacts"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Headless as root in a sandboxed machine with no network but loopback: without the
# background-networking flags chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
PRACTICE_COURSE = E2E_DIR / "fixtures" / "practice-course.yaml"
TIMED_QUIZ_MINUTES = 10

# Accounts the session makes besides the demo ones, one per test that changes a learner's
# state, so that no test depends on another having run first (or not).
E2E_LEARNERS = [
    "journey",
    "reload",
    "phone",
    "phone-timer",
    "phone-reader",
    "phone-offline",
    "double",
    "double-click",
    "nojs",
    "a11y",
    "weight",
    "shots",
    "essay",
    "newmodule",
    "rubric",
    "handout",
    "cohort",
    "languages",
]


def pytest_collection_modifyitems(config, items):
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql"))
    if not on_postgres:
        return
    skip = pytest.mark.skip(
        reason="e2e runs once, in `make test` on SQLite: its server has its own database"
    )
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(skip)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Site:
    """The running site: its URL, the demo password, and commands on its database."""

    url: str
    env: dict
    folder: Path
    password: str
    process: subprocess.Popen = field(repr=False)

    def manage(self, *args, check=True):
        result = subprocess.run(  # noqa: S603 (our own manage.py, no shell)
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        if check and result.returncode:
            raise RuntimeError(
                f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
                f"{result.stdout}\n{result.stderr}"
            )
        return result.stdout

    def shell(self, code):
        """Run Python in `manage.py shell` on the site's database; returns what it printed."""
        return self.manage("shell", "--no-imports", "-c", code)

    def server_log(self):
        log = self.folder / "gunicorn.log"
        return log.read_text(errors="replace")[-5000:] if log.exists() else ""


def _wait_until_serving(url, process, deadline):
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    return False


def _make_learners(site, usernames):
    """E2E learners in the Learners group, all with the demo password (hashed once)."""
    code = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from learners.models import LearnerProfile
hashed = make_password({site.password!r})
learners = Group.objects.get(name="Learners")
for name in {list(usernames)!r}:
    user, _ = get_user_model().objects.update_or_create(
        username="e2e-" + name,
        defaults={{"password": hashed, "first_name": "Test", "last_name": name.title()}},
    )
    user.groups.add(learners)
    LearnerProfile.objects.update_or_create(
        user=user, defaults={{"agency": "Border Police", "country": "Uzbekistan", "rank": "Sergeant"}}
    )
"""
    site.shell(code)


@pytest.fixture(scope="session")
def chromium_path():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: `make browser-deps` installs Debian's chromium (as root)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return str(CHROMIUM)


@pytest.fixture(scope="session")
def academy_site(tmp_path_factory, chromium_path):
    """Migrate, seed and serve the site with gunicorn for the whole session."""
    folder = tmp_path_factory.mktemp("e2e-site")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    password = secrets.token_urlsafe(16)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "academy.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "CONTENT_GENERATION_FILE": str(folder / "content-generation"),
        "SERVE_MEDIA": "1",
        "WAGTAILADMIN_BASE_URL": url,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        # One server process and no worker: tasks run inside the request that queues them.
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "EMAIL_FILE_PATH": str(folder / "mail"),
        "DEMO_PASSWORD": password,
        "PYTHONUNBUFFERED": "1",
    }
    site = Site(url=url, env=env, folder=folder, password=password, process=None)

    # Static files do not need the database: collect them while the database migrates.
    collect = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    site.manage("migrate", "--noinput", "-v0")
    site.manage("load_seed_content")
    site.manage("create_demo_accounts")
    _make_learners(site, E2E_LEARNERS)
    output, _ = collect.communicate(timeout=300)
    if collect.returncode:
        raise RuntimeError(f"collectstatic failed:\n{output}")

    log = (folder / "gunicorn.log").open("w")
    site.process = subprocess.Popen(  # noqa: S603 (our own gunicorn, no shell)
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "academy.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--access-logfile",
            "-",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        if not _wait_until_serving(url + "/", site.process, time.monotonic() + 60):
            raise RuntimeError(f"gunicorn did not start serving {url}:\n{site.server_log()}")
        yield site
    finally:
        site.process.terminate()
        try:
            site.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            site.process.kill()
            site.process.wait()
        log.close()


@pytest.fixture(scope="session")
def base_url(academy_site):
    """Playwright resolves `page.goto("/learn/")` against the running site."""
    return academy_site.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    return {**browser_type_launch_args, "executable_path": chromium_path, "args": CHROMIUM_ARGS}


# What Chromium writes to the console when the Content-Security-Policy blocks something.
CSP_VIOLATION = re.compile(r"Content Security Policy|Refused to (execute|load|apply|connect|frame)")


@pytest.fixture(scope="session")
def csp_violations():
    """Every CSP violation any page of the session reported in its console."""
    return []


@pytest.fixture(scope="session")
def browser(browser, csp_violations):
    """Every context a test opens (`page`, `new_context`, `browser.new_context`) listens to
    its pages' consoles for CSP violations."""
    open_context = browser.new_context

    def new_context(*args, **kwargs):
        context = open_context(*args, **kwargs)

        def record(message):
            if message.type == "error" and CSP_VIOLATION.search(message.text):
                where = message.page.url if message.page else "?"
                csp_violations.append(f"{where}: {message.text}")

        context.on("console", record)
        return context

    browser.new_context = new_context
    return browser


@pytest.fixture(autouse=True)
def _fails_on_any_csp_violation(csp_violations):
    """The site runs with its policy on: a test whose pages broke the policy fails."""
    csp_violations.clear()
    yield
    assert not csp_violations, "Content-Security-Policy violations:\n" + "\n".join(csp_violations)


@pytest.fixture(scope="session")
def artifacts():
    """Where the tests save screenshots (git-ignored); emptied once per session."""
    folder = ARTIFACTS / "screenshots"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


@pytest.fixture(scope="session")
def practice_course(academy_site):
    """The small course of tests/e2e/fixtures, with a time limit on its timed quiz."""
    academy_site.manage("load_seed_content", str(PRACTICE_COURSE))
    academy_site.shell(
        f"""
from quizzes.models import QuizPage
quiz = QuizPage.objects.get(slug="timed-quiz", url_path__contains="/e2e-practice/")
quiz.time_limit_minutes = {TIMED_QUIZ_MINUTES}
quiz.save_revision().publish()
"""
    )
    return "/courses/e2e-practice/"
