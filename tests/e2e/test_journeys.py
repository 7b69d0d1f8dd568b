"""The journeys of issue 5, each as one person does it in a browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (
    CYBERCRIME,
    LESSON_1,
    LESSON_2,
    course_progress,
    log_in,
    log_out,
)

pytestmark = pytest.mark.e2e

COURSE_TITLE = "Cybercrime and digital evidence in cross-border cooperation"


def url_is(path):
    return re.compile(re.escape(path) + r"(\?.*)?$")


def pager_link(page, direction):
    return page.get_by_role("navigation", name="Lessons").get_by_role(
        "link", name=re.compile(rf"^{direction}\b")
    )


def done_steps(page):
    return page.get_by_role("complementary", name="Course outline").locator(
        ".outline__step.is-done"
    )


def test_officer_finds_enrols_reads_two_lessons_and_logs_out(page, academy_site):
    log_in(page, "e2e-journey", academy_site.password)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses").click()
    page.get_by_role("link", name=COURSE_TITLE).click()
    expect(page).to_have_url(url_is(CYBERCRIME))
    page.get_by_role("button", name="Enrol").click()

    # Enrolling opens the first lesson; nothing is done yet.
    expect(page).to_have_url(url_is(LESSON_1))
    expect(page.get_by_role("heading", level=1)).to_have_text("What Europol found in 2016")
    assert course_progress(page) == 0

    # Lesson 1 is marked done with its button, which goes on to lesson 2.
    page.locator(".lesson-end").get_by_role("button").click()
    expect(page).to_have_url(url_is(LESSON_2))
    expect(page.get_by_role("status")).to_contain_text("“What Europol found in 2016” is marked")
    after_one = course_progress(page)
    assert after_one > 0
    expect(done_steps(page)).to_have_count(1)

    # Lesson 2 is read to its end, which marks it done without a click.
    page.keyboard.press("End")
    expect(page.get_by_text("You have completed this lesson.")).to_be_visible()

    # Previous and next walk the sequence; the bar has moved again.
    pager_link(page, "Previous").click()
    expect(page).to_have_url(url_is(LESSON_1))
    expect(page.get_by_text("You have completed this lesson.")).to_be_visible()
    assert course_progress(page) > after_one
    expect(done_steps(page)).to_have_count(2)
    pager_link(page, "Next").click()
    expect(page).to_have_url(url_is(LESSON_2))

    log_out(page)
    page.goto(LESSON_2)
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
