"""What a double click or a flaky connection sends twice is counted once and never fails,
on the real server (several gunicorn workers over one SQLite file)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import MODULE_QUIZ, enrol, log_in

pytestmark = pytest.mark.e2e

COMPLETE_EVERY_LESSON_TWICE_AT_ONCE = """async () => {
  const courses = (await (await fetch('/learn/progress.json')).json()).courses;
  const course = courses.find(c => c.url.includes('/cybercrime-digital-evidence/'));
  // The catalog API lists the course's published lessons.
  const api = `/api/v2/pages/?type=courses.LessonPage&descendant_of=${course.id}&limit=100`;
  const lessons = (await (await fetch(api)).json()).items.map(item => item.id);
  const token = document.cookie.match(/csrftoken=([^;]+)/)[1];
  const complete = id => fetch(`/learn/lessons/${id}/complete/`, {
    method: 'POST', headers: {'Accept': 'application/json', 'X-CSRFToken': token},
  }).then(response => response.status);
  const statuses = await Promise.all(lessons.flatMap(id => [complete(id), complete(id)]));
  const after = await (await fetch(`/learn/courses/${course.id}/progress.json`)).json();
  return {lessons: lessons.length, statuses, done: after.done, total: after.total};
}"""


def test_lessons_completed_twice_at_once_count_once(page, academy_site):
    log_in(page, "e2e-double", academy_site.password)
    enrol(page)
    outcome = page.evaluate(COMPLETE_EVERY_LESSON_TWICE_AT_ONCE)
    assert outcome["lessons"] >= 10
    assert outcome["statuses"] == [200] * (2 * outcome["lessons"]), outcome
    assert outcome["done"] == outcome["lessons"] < outcome["total"]  # the quizzes are left


def test_a_double_click_starts_one_attempt(page, academy_site):
    log_in(page, "e2e-double-click", academy_site.password)
    enrol(page)
    page.goto(MODULE_QUIZ)
    page.get_by_role("button", name="Start the quiz").dblclick()
    expect(page.get_by_role("heading", name="Attempt 1")).to_be_visible()
    page.goto(MODULE_QUIZ)
    attempts = page.get_by_role("table").filter(has_text="Your attempts")
    expect(attempts.get_by_role("row")).to_have_count(2)  # the header and one attempt
    expect(page.get_by_role("link", name="Continue your attempt")).to_be_visible()
