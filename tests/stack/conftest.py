"""The stack of `make stack` (nginx, two app servers, a worker, PostgreSQL, Redis).

These tests run only when asked for (`-m stack`, `make test-stack`): they start the stack
unless one is already running, and stop what they started.
"""

import os
import re
import subprocess
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
STATE = ROOT / "var" / "stack" / "env"


def pytest_collection_modifyitems(config, items):
    wanted = re.search(r"(?<!not )\bstack\b", config.getoption("markexpr") or "")
    if wanted:
        return
    skip = pytest.mark.skip(reason="the stack tests run with -m stack (make test-stack)")
    for item in items:
        if "stack" in item.keywords:
            item.add_marker(skip)


def read_env():
    env = {}
    for line in STATE.read_text().splitlines():
        key, _, value = line.partition("=")
        env[key] = value
    return env


class Stack:
    def __init__(self, env):
        self.env = env
        self.url = env["STACK_URL"]
        self.password = env["DEMO_PASSWORD"]

    def manage(self, code):
        """Run Python in a management shell of the stack (as an operator would); its stdout."""
        result = subprocess.run(  # noqa: S603 (our own manage.py)
            [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "shell", "-v0", "-c", code],
            cwd=ROOT,
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return result.stdout.strip()

    def login(self, username):
        session = requests.Session()
        page = session.get(f"{self.url}/accounts/login/", timeout=10)
        response = session.post(
            f"{self.url}/accounts/login/",
            data={
                "username": username,
                "password": self.password,
                "csrfmiddlewaretoken": csrf_token(page.text),
            },
            headers={"Referer": f"{self.url}/accounts/login/"},
            timeout=10,
        )
        assert response.ok, response.status_code
        assert response.url.startswith(f"{self.url}/learn/"), "the login did not succeed"
        return session


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.fixture(scope="session")
def stack():
    script = str(ROOT / "scripts" / "stack")
    started_here = not STATE.exists()
    if started_here:
        subprocess.run([script, "start"], cwd=ROOT, check=True)  # noqa: S603 (our own script)
    try:
        yield Stack(read_env())
    finally:
        if started_here:
            subprocess.run([script, "stop"], cwd=ROOT, check=True)  # noqa: S603
