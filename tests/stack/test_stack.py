"""Two app servers behind nginx share sessions, answers, published pages and a task queue."""

import re
import time
import uuid

import pytest
import requests

from tests.stack.conftest import csrf_token

pytestmark = pytest.mark.stack
INSTANCES = {"app1", "app2"}


def get_from(session, url, instance, tries=6):
    """GET `url` until the named app server answers it (nginx takes turns)."""
    for _ in range(tries):
        response = session.get(url, timeout=10)
        if response.headers.get("X-Served-By") == instance:
            return response
    raise AssertionError(f"{instance} never answered {url}")


def other(instance):
    return (INSTANCES - {instance}).pop()


def first_course_and_quiz(stack):
    return stack.manage(
        "from courses.models import CoursePage; from quizzes.models import QuizPage; "
        "c = CoursePage.objects.live().order_by('path').first(); "
        "q = QuizPage.objects.live().descendant_of(c).order_by('path').first(); "
        "print(c.pk, c.url, q.pk)"
    ).split()


def publish_through_admin(stack, page_id):
    """A course lead publishes the page's latest revision (a bulk action of the admin)."""
    lead = stack.login("lead")
    url = f"{stack.url}/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/"
    form = lead.get(url, timeout=10)
    assert form.status_code == 200
    response = lead.post(
        url,
        data={"csrfmiddlewaretoken": csrf_token(form.text)},
        headers={"Referer": url},
        timeout=20,
    )
    assert response.ok, response.status_code
    return response.history[0].headers["X-Served-By"] if response.history else None


def test_a_learner_is_served_by_both_instances_without_losing_the_session(stack):
    learner = stack.login("officer1")
    served_by = []
    for _ in range(6):
        response = learner.get(
            f"{stack.url}/learn/progress.json", timeout=10, allow_redirects=False
        )
        assert response.status_code == 200, "the session was lost"
        assert response.json()["user"] == "officer1"
        served_by.append(response.headers["X-Served-By"])
    assert set(served_by) == INSTANCES


def test_answers_autosaved_through_one_instance_are_shown_by_the_other(stack):
    course_id, course_url, quiz_id = first_course_and_quiz(stack)
    learner = stack.login("officer2")
    course = learner.get(f"{stack.url}{course_url}", timeout=10)
    learner.post(
        f"{stack.url}/learn/courses/{course_id}/enrol/",
        data={"csrfmiddlewaretoken": csrf_token(course.text)},
        timeout=10,
    )
    quiz = learner.get(f"{stack.url}{course_url}", timeout=10)
    attempt_page = learner.post(
        f"{stack.url}/learn/quizzes/{quiz_id}/start/",
        data={"csrfmiddlewaretoken": csrf_token(quiz.text)},
        timeout=10,
    )
    attempt_url = attempt_page.url
    assert re.search(r"/learn/quizzes/attempts/\d+/$", attempt_url), attempt_url
    name, value = re.search(
        r'<input type="radio" id="[^"]+"\s+name="([^"]+)"\s+value="([^"]+)"', attempt_page.text
    ).groups()
    version = re.search(r'name="saved_version" value="(\d+)"', attempt_page.text).group(1)

    saved = learner.post(
        f"{attempt_url}autosave/",
        data={
            name: value,
            "saved_version": version,
            "csrfmiddlewaretoken": csrf_token(attempt_page.text),
        },
        timeout=10,
    )
    assert saved.status_code == 200, saved.text
    shown = get_from(learner, attempt_url, other(saved.headers["X-Served-By"]))
    chosen = re.search(
        rf'<input type="radio" id="[^"]+"\s+name="{name}"\s+value="{value}"[^>]*>', shown.text
    )
    assert "checked" in chosen.group(0)


def test_a_page_published_through_one_instance_is_shown_by_the_other(stack):
    course_id, course_url = stack.manage(
        "from courses.models import CoursePage; "
        "c = CoursePage.objects.live().order_by('path').last(); print(c.pk, c.url)"
    ).split()
    new_title = f"Revised edition {uuid.uuid4().hex[:8]}"
    visitor = requests.Session()
    for instance in INSTANCES:  # both have the anonymous page in their cache now
        assert new_title not in get_from(visitor, f"{stack.url}{course_url}", instance).text
    stack.manage(
        "from courses.models import CoursePage; "
        f"c = CoursePage.objects.get(pk={course_id}); c.title = '{new_title}'; "
        "c.save_revision()"
    )
    for instance in INSTANCES:  # a draft is never shown
        assert new_title not in get_from(visitor, f"{stack.url}{course_url}", instance).text

    publisher = publish_through_admin(stack, course_id)
    for instance in [other(publisher), publisher] if publisher else INSTANCES:
        assert new_title in get_from(visitor, f"{stack.url}{course_url}", instance).text


def test_a_lesson_published_through_one_instance_is_shown_to_a_learner_by_the_other(stack):
    # Each app server keeps lesson frames in its own memory: a publication must still reach
    # a signed-in learner on the other one at the next request.
    lesson_id, lesson_url = stack.manage(
        "from django.contrib.auth import get_user_model; from courses import enrolments; "
        "from courses.models import LessonPage; from courses.progress import course_of_step; "
        "l = LessonPage.objects.live().filter(locale__language_code='en').order_by('path').last(); "
        "enrolments.enrol(get_user_model().objects.get(username='officer1'), course_of_step(l)); "
        "print(l.pk, l.url)"
    ).split()
    words = f"Revised guidance {uuid.uuid4().hex[:8]}"
    learner = stack.login("officer1")
    for instance in INSTANCES:  # both have the lesson's frame now
        page = get_from(learner, f"{stack.url}{lesson_url}", instance)
        assert page.status_code == 200 and words not in page.text
    stack.manage(
        "from courses.models import LessonPage; "
        f"l = LessonPage.objects.get(pk={lesson_id}); "
        f"l.body = [('rich_text', '<p>{words}</p>')]; l.save_revision()"
    )
    for instance in INSTANCES:  # a draft is never shown
        assert words not in get_from(learner, f"{stack.url}{lesson_url}", instance).text

    publisher = publish_through_admin(stack, lesson_id)
    for instance in [other(publisher), publisher] if publisher else INSTANCES:
        assert words in get_from(learner, f"{stack.url}{lesson_url}", instance).text


def test_a_task_queued_by_an_instance_is_run_by_the_worker(stack):
    _course_id, _course_url, quiz_id = first_course_and_quiz(stack)
    since = stack.manage("from django.utils import timezone; print(timezone.now().isoformat())")
    publish_through_admin(stack, quiz_id)  # queues the update of the reference index
    query = (
        "from django_tasks_db.models import DBTaskResult; "
        "rows = DBTaskResult.objects.filter("
        f"enqueued_at__gte='{since}', task_path='wagtail.tasks.update_reference_index_task'); "
        "print(' '.join(sorted({r.status for r in rows})) or 'none')"
    )
    deadline = time.monotonic() + 30
    statuses = stack.manage(query)
    while statuses != "SUCCESSFUL" and time.monotonic() < deadline:
        time.sleep(1)
        statuses = stack.manage(query)
    assert statuses == "SUCCESSFUL"
