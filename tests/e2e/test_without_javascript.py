"""Scripts enhance, never gate: with JavaScript off a learner logs in, enrols, reads,
marks lessons done, and takes, saves, resumes and submits a quiz."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (
    CYBERCRIME,
    LESSON_1,
    LESSON_2,
    MODULE_QUIZ,
    course_progress,
    log_in,
    log_out,
    question,
)

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

    # The module quiz: start, save half-way, come back, submit; the server does it all.
    page.goto(MODULE_QUIZ)
    page.get_by_role("button", name="Start the quiz").click()
    question(page, 1).get_by_label("True").check()
    question(page, 4).get_by_role("textbox").fill("Crime-as-a-Service")
    page.get_by_role("button", name="Save and continue later").click()
    expect(page.locator(".messages")).to_contain_text("Your answers are saved.")
    page.goto(MODULE_QUIZ)
    page.get_by_role("link", name="Continue your attempt").click()
    expect(question(page, 1).get_by_label("True")).to_be_checked()
    expect(question(page, 4).get_by_role("textbox")).to_have_value("Crime-as-a-Service")
    question(page, 5).get_by_label("True").check()
    question(page, 7).get_by_label("False").check()
    page.get_by_role("button", name="Submit answers for grading").click()
    expect(page.locator(".quiz-score")).to_have_text("Your score: 4 of 7 marks (57.14 %).")
    expect(page.locator(".quiz-verdict")).to_have_text("Not passed: the pass mark is 70 %.")
    expect(page.get_by_role("region", name="Question 2").locator(".quiz-status")).to_have_text(
        "Not answered"
    )
    log_out(page)
