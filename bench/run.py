"""`make bench`: the scaled data set, served the production way, under locust.

Two targets, one after the other: the embedded default (gunicorn and SQLite on one box)
and `make stack` (nginx, two app servers, PostgreSQL, Redis). On each, a static file is
measured first as the ceiling (on the stack twice: from nginx's disk, and through nginx and
an app server, the path pages take), then the catalog, a course page and a lesson page each
on their own (saturation, compared with the static file), then the realistic mix with 50
simulated users. Results: bench/results/<date>.json and .md, and bench/results/latest.md.
"""

import contextlib
import csv
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
RESULTS = ROOT / "bench" / "results"
PASSWORD = "bench-password"  # noqa: S105 (a throwaway data set on loopback)
SATURATION_USERS = int(os.environ.get("BENCH_SATURATION_USERS", "16"))
SATURATION_SECONDS = int(os.environ.get("BENCH_SATURATION_SECONDS", "10"))
MIX_USERS = int(os.environ.get("BENCH_USERS", "50"))
MIX_SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
SATURATED = ["static", "catalog", "course", "lesson"]
# Targets of issue 10: throughput as a fraction of the static file, latency in the mix.
RATIO_TARGETS = {"catalog": 0.40, "course": 0.40, "lesson": 0.10}
P95_TARGETS = {"lesson page": 150, "quiz submit": 300}

PLAN_CODE = """
import json, random
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
User = get_user_model()
Store = import_module(settings.SESSION_ENGINE).SessionStore
def signed_in(user):
    # A session as a login makes it: the load measures pages, not password hashing.
    session = Store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key
from courses.models import CoursePage, CourseIndexPage, LessonPage
from learners.models import Cohort
from quizzes.models import QuizPage
rng = random.Random(1)
lessons = [p.url for p in LessonPage.objects.live().order_by("path")]
print(json.dumps({
    "catalog": CourseIndexPage.objects.live().first().url,
    "courses": [c.url for c in CoursePage.objects.live()],
    "lessons": rng.sample(lessons, min(30, len(lessons))),
    "quizzes": [[q.pk, q.url] for q in QuizPage.objects.live().filter(time_limit_minutes__isnull=True)],
    "cohorts": [f"/learn/cohorts/{c.pk}/" for c in Cohort.objects.filter(name__startswith="Bench")],
    "learners": [signed_in(u) for u in User.objects.filter(username__startswith="bench-")
                 .order_by("?")[:300]],
    "trainer": signed_in(User.objects.get(username="trainer")),
}))
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args, capture=False):
    result = subprocess.run(  # noqa: S603 (our own manage.py)
        [PY, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (loopback)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"no answer from {url}")


def make_plan(env, url, workdir):
    plan = json.loads(manage(env, "shell", "-v0", "-c", PLAN_CODE, capture=True))
    home = urllib.request.urlopen(url + "/").read().decode()  # noqa: S310
    plan["static"] = re.search(r'href="(/static/[^"]+\.css)"', home)[1]
    # The stack's nginx serves /static/ itself, and the same files through the app servers
    # under /app-static/ (scripts/stack).
    plan["static_app"] = plan["static"].replace("/static/", "/app-static/", 1)
    path = workdir / "plan.json"
    path.write_text(json.dumps(plan))
    return path


def locust(url, plan, workdir, label, users, seconds, only=""):
    prefix = workdir / label
    env = {
        **os.environ,
        "BENCH_PLAN": str(plan),
        "BENCH_ONLY": only,
        "BENCH_PASSWORD": PASSWORD,
        "BENCH_QUERIES_OUT": f"{prefix}-queries.json",
    }
    subprocess.run(  # noqa: S603
        [
            str(ROOT / ".venv" / "bin" / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--only-summary",
            "-u",
            str(users),
            "-r",
            str(users),
            "-t",
            f"{seconds}s",
            "--host",
            url,
            "--csv",
            str(prefix),
            "--exit-code-on-error",
            "0",
            "--loglevel",
            "WARNING",
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    queries_file = Path(f"{prefix}-queries.json")
    queries = json.loads(queries_file.read_text()) if queries_file.exists() else {}
    rows = {}
    with open(f"{prefix}_stats.csv") as stats:
        for row in csv.DictReader(stats):
            if row["Name"] == "Aggregated":
                continue
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 1),
                "p50": float(row["50%"] or 0),
                "p95": float(row["95%"] or 0),
                "p99": float(row["99%"] or 0),
                "queries": round(queries[row["Name"]], 1) if row["Name"] in queries else None,
            }
    return rows


def measure(url, plan, workdir, saturated=SATURATED):
    saturation = {}
    names = {
        "static": "static file",
        "static-app": "static file (app server)",
        "catalog": "catalog (anonymous)",
        "course": "course page (anonymous)",
        "lesson": "lesson page",
    }
    for only in saturated:
        rows = locust(
            url, plan, workdir, f"only-{only}", SATURATION_USERS, SATURATION_SECONDS, only
        )
        saturation[only] = rows.get(names[only], {"rps": 0, "errors": 0})
    # The ceilings again, last: a first run can be held back by servers still warming up
    # (it once measured the static file below the catalog). The higher of the two counts,
    # which can only make the pages' ratios smaller.
    for only in [name for name in saturated if name.startswith("static")]:
        rows = locust(
            url, plan, workdir, f"again-{only}", SATURATION_USERS, SATURATION_SECONDS, only
        )
        again = rows.get(names[only], {"rps": 0, "errors": 0})
        saturation[only]["runs"] = [saturation[only]["rps"], again["rps"]]
        if again["rps"] > saturation[only]["rps"]:
            saturation[only] = {**again, "runs": saturation[only]["runs"]}
    mix = locust(url, plan, workdir, "mix", MIX_USERS, MIX_SECONDS)
    return {"saturation": saturation, "mix": mix}


def embedded(workdir):
    env = {
        "DJANGO_SETTINGS_MODULE": "academy.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "CONTENT_GENERATION_FILE": str(workdir / "generation"),
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DEMO_PASSWORD": PASSWORD,
        "REDIS_URL": "",
        "BENCH": "1",
    }
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_seed_content", capture=True)
    manage(env, "create_demo_accounts", capture=True)
    manage(env, "seed_bench")
    manage(env, "collectstatic", "--noinput", "-v0")
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "academy.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "3",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/")
        return measure(url, make_plan(env, url, workdir), workdir)
    finally:
        server.terminate()
        server.wait(timeout=30)


def stack(workdir):
    script = str(ROOT / "scripts" / "stack")
    subprocess.run(  # noqa: S603
        [script, "start"],
        cwd=ROOT,
        env={**os.environ, "BENCH": "1", "DEMO_PASSWORD": PASSWORD},
        check=True,
    )
    try:
        env = dict(
            line.split("=", 1) for line in (ROOT / "var" / "stack" / "env").read_text().splitlines()
        )
        manage(env, "seed_bench")
        url = env["STACK_URL"]
        # Two ceilings: nginx serving the file from disk (no Python at all), and the file
        # through nginx and an app server, the path every page takes. The targets are read
        # against the second; the first is reported beside it.
        saturated = ["static", "static-app", *SATURATED[1:]]
        return measure(url, make_plan(env, url, workdir), workdir, saturated)
    finally:
        subprocess.run([script, "stop"], cwd=ROOT, check=True)  # noqa: S603


def machine():
    cpu = platform.processor()
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_before": os.getloadavg()[0],
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def markdown(results):
    lines = [
        f"Run of {results['date']} on {results['machine']['cpu']}, "
        f"{results['machine']['cores']} cores (load {results['machine']['load_before']:.1f} "
        "when it started; the machine is shared).",
        "",
    ]
    for target, data in results["targets"].items():
        static = data["saturation"]["static"]["rps"] or 1
        through_app = data["saturation"].get("static-app", {}).get("rps")
        ceiling = through_app or static
        runs = {
            name: " and ".join(f"{rps:.0f}" for rps in data["saturation"][name].get("runs", []))
            for name in ("static", "static-app")
            if name in data["saturation"]
        }
        if through_app:
            ceilings = (
                f"static file through nginx and an app server (the ceiling): {through_app:.0f} "
                f"req/s (runs: {runs['static-app']}); served by nginx from disk: {static:.0f} "
                f"req/s (runs: {runs['static']})."
            )
            header = "| Endpoint | req/s | of static | of nginx's static | target | verdict |"
            rule = "| --- | ---: | ---: | ---: | ---: | --- |"
        else:
            ceilings = f"static file: {static:.0f} req/s (the higher of runs {runs['static']})."
            header = "| Endpoint | req/s | of static | target | verdict |"
            rule = "| --- | ---: | ---: | ---: | --- |"
        lines += [
            f"### {target}",
            "",
            f"Saturation ({SATURATION_USERS} users, {SATURATION_SECONDS} s each); {ceilings}",
            "",
            header,
            rule,
        ]
        for name in ("catalog", "course", "lesson"):
            rps = data["saturation"][name]["rps"]
            ratio = rps / ceiling
            goal = RATIO_TARGETS[name]
            verdict = (
                "met"
                if ratio >= goal
                else f"missed by {goal - ratio:.2f} ({ratio / goal:.0%} of target)"
            )
            nginx = f" {rps / static:.3f} |" if through_app else ""
            lines.append(f"| {name} | {rps:.0f} | {ratio:.3f} |{nginx} ≥ {goal:.2f} | {verdict} |")
        lines += [
            "",
            f"Mix ({MIX_USERS} users, {MIX_SECONDS} s):",
            "",
            "| Endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | errors | queries/request | p95 target |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for name, row in sorted(data["mix"].items()):
            goal = P95_TARGETS.get(name)
            verdict = ""
            if goal:
                verdict = (
                    f"< {goal}: met"
                    if row["p95"] < goal
                    else f"< {goal}: missed by {row['p95'] - goal:.0f} ms"
                )
            queries = "" if row["queries"] is None else f"{row['queries']:.1f}"
            lines.append(
                f"| {name} | {row['requests']} | {row['rps']:.1f} | {row['p50']:.0f} | {row['p95']:.0f} "
                f"| {row['p99']:.0f} | {row['errors']} | {queries} | {verdict} |"
            )
        errors = sum(row["errors"] for row in data["mix"].values())
        lines += [
            "",
            f"Errors in the mix: {errors} ({'met' if errors == 0 else 'target is zero'}).",
            "",
        ]
    return "\n".join(lines)


def main():
    targets = sys.argv[1:] or ["embedded", "stack"]
    results = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "settings": {
            "saturation_users": SATURATION_USERS,
            "saturation_seconds": SATURATION_SECONDS,
            "mix_users": MIX_USERS,
            "mix_seconds": MIX_SECONDS,
        },
        "targets": {},
    }
    for target in targets:
        workdir = Path(tempfile.mkdtemp(prefix=f"academy-bench-{target}-"))
        try:
            print(f"bench: {target} ...", flush=True)
            results["targets"][target] = {"embedded": embedded, "stack": stack}[target](workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d-%H%M")
    (RESULTS / f"{stamp}.json").write_text(json.dumps(results, indent=2) + "\n")
    table = markdown(results)
    (RESULTS / f"{stamp}.md").write_text(table + "\n")
    (RESULTS / "latest.md").write_text(table + "\n")
    print(table)


if __name__ == "__main__":
    main()
