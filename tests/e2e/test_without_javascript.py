"""Scripts enhance, never gate: with JavaScript off a learner logs in, enrols, reads,
marks lessons done and moves through the course."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import CYBERCRIME, LESSON_1, LESSON_2, course_progress, log_in, log_out

pytestmark = pytest.mark.e2e


@pytest.fixture
def no_js(new_context):
    return new_context(java_script_enabled=False).new_page()


def test_learner_reads_and_marks_done_without_javascript(no_js, academy_site):
    page = no_js
    assert page.evaluate("1 + 1") == 2  # the test itself still scripts; the page does not
    log_in(page, "e2e-nojs", academy_site.password)
    page.goto(CYBERCRIME)
    page.get_by_role("button", name="Enrol").click()
    expect(page).to_have_url(re.compile(re.escape(LESSON_1) + "$"))

    # Reading to the end marks nothing without the script: the button does.
    page.keyboard.press("End")
    expect(page.get_by_role("button", name="Mark as done and continue")).to_be_visible()
    assert course_progress(page) == 0
    page.get_by_role("button", name="Mark as done and continue").click()
    expect(page).to_have_url(re.compile(re.escape(LESSON_2) + "$"))
    assert course_progress(page) > 0
    page.get_by_role("button", name="Mark as done and continue").click()
    expect(page.get_by_role("status")).to_contain_text("“Why cybercrime crosses borders” is marked")

    page.goto(LESSON_1)
    expect(page.get_by_text("You have completed this lesson.")).to_be_visible()
    details = page.locator("details").first
    if details.count():
        details.locator("summary").click()
    log_out(page)
