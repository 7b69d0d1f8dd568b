"""The load of `make bench`: officers reading and sitting quizzes, trainers, visitors.

BENCH_PLAN (a JSON file written by bench/run.py) names the URLs of the seeded site. With
BENCH_ONLY=<endpoint> every simulated user requests that one endpoint (the saturation runs
that are compared with a static file); without it, the realistic mix runs.
The X-Queries header of each response (BENCH=1 on the server) is summed per endpoint into
BENCH_QUERIES_OUT.
"""

import json
import os
import random
import re
from collections import defaultdict

from locust import FastHttpUser, HttpUser, between, events, task

PLAN = json.loads(open(os.environ["BENCH_PLAN"]).read())  # noqa: SIM115
ONLY = os.environ.get("BENCH_ONLY", "")
QUERIES = defaultdict(lambda: [0, 0])
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RADIO = re.compile(r'<input type="radio" id="[^"]+" name="([^"]+)" value="([^"]+)"')
VERSION = re.compile(r'name="saved_version" value="(\d+)"')


@events.request.add_listener
def count_queries(name, response, exception, **_kwargs):
    if response is not None and not exception and "X-Queries" in response.headers:
        QUERIES[name][0] += int(response.headers["X-Queries"])
        QUERIES[name][1] += 1


@events.quitting.add_listener
def write_queries(**_kwargs):
    if os.environ.get("BENCH_QUERIES_OUT"):
        with open(os.environ["BENCH_QUERIES_OUT"], "w") as out:
            json.dump({name: total / n for name, (total, n) in QUERIES.items() if n}, out)


def signed_in(user, session_key):
    """Use a session the runner created (logging in would measure password hashing)."""
    user.session_cookie = {"Cookie": f"sessionid={session_key}"}
    if isinstance(user, HttpUser):
        user.client.cookies.set("sessionid", session_key)


class Saturation(FastHttpUser):
    """One endpoint as fast as it answers (BENCH_ONLY), with the faster HTTP client."""

    weight = 1 if ONLY else 0
    wait_time = between(0, 0)

    session_cookie = None

    def on_start(self):
        if ONLY == "lesson":
            signed_in(self, random.choice(PLAN["learners"]))

    @task
    def hit(self):
        if ONLY == "static":
            self.client.get(PLAN["static"], name="static file")
        elif ONLY == "static-app":
            self.client.get(PLAN["static_app"], name="static file (app server)")
        elif ONLY == "catalog":
            self.client.get(PLAN["catalog"], name="catalog (anonymous)")
        elif ONLY == "course":
            self.client.get(random.choice(PLAN["courses"]), name="course page (anonymous)")
        elif ONLY == "lesson":
            self.client.get(
                random.choice(PLAN["lessons"]), name="lesson page", headers=self.session_cookie
            )


class Officer(HttpUser):
    """An enrolled officer: reads lessons, checks progress, sits module quizzes."""

    weight = 0 if ONLY else 8
    wait_time = between(1, 3)

    def on_start(self):
        signed_in(self, random.choice(PLAN["learners"]))

    @task(10)
    def read_a_lesson(self):
        self.client.get(random.choice(PLAN["lessons"]), name="lesson page")

    @task(3)
    def open_a_course(self):
        self.client.get(random.choice(PLAN["courses"]), name="course page")

    @task(2)
    def dashboard(self):
        self.client.get("/learn/", name="dashboard")

    @task(2)
    def sit_a_quiz(self):
        quiz_id, quiz_url = random.choice(PLAN["quizzes"])
        quiz = self.client.get(quiz_url, name="quiz page")
        token = CSRF.search(quiz.text)
        if not token:
            return
        attempt = self.client.post(
            f"/learn/quizzes/{quiz_id}/start/",
            {"csrfmiddlewaretoken": token[1]},
            name="quiz start",
        )
        if "/attempts/" not in attempt.url or not VERSION.search(attempt.text):
            return  # no attempts left on this quiz
        answers = {}
        for name, value in RADIO.findall(attempt.text):
            answers.setdefault(name, value)
        version = int(VERSION.search(attempt.text)[1])
        data = {"csrfmiddlewaretoken": CSRF.search(attempt.text)[1], **answers}
        for _ in range(2):
            saved = self.client.post(
                attempt.url + "autosave/",
                {**data, "saved_version": version},
                name="quiz autosave",
            )
            if saved.ok:
                version = saved.json().get("version", version)
        self.client.post(
            attempt.url + "submit/",
            {**data, "saved_version": version, "finish": "1"},
            name="quiz submit",
        )


class Trainer(HttpUser):
    """A trainer following a cohort."""

    weight = 0 if ONLY else 1
    wait_time = between(2, 5)

    def on_start(self):
        signed_in(self, PLAN["trainer"])

    @task
    def cohort_page(self):
        self.client.get(random.choice(PLAN["cohorts"]), name="cohort page (trainer)")


class Visitor(HttpUser):
    """Someone looking at the catalog before logging in."""

    weight = 0 if ONLY else 1
    wait_time = between(1, 3)

    @task(2)
    def catalog(self):
        self.client.get(PLAN["catalog"], name="catalog (anonymous)")

    @task(3)
    def course(self):
        self.client.get(random.choice(PLAN["courses"]), name="course page (anonymous)")
