"""Journey 5: the learner journey on a phone (360 × 740). Nothing overflows sideways, and
every link, button and field is within reach and not covered by anything else."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (
    CYBERCRIME,
    LESSON_1,
    LESSON_2,
    MODULE_QUIZ,
    PHONE,
    answer_module_quiz,
    assert_controls_reachable,
    assert_no_horizontal_overflow,
    enrol,
    log_in,
    log_out,
    screenshot,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def phone(new_context):
    return new_context(**PHONE).new_page()


def check_page(page, what, artifacts):
    assert_no_horizontal_overflow(page, what)
    assert_controls_reachable(page, what)
    screenshot(page, artifacts, f"journey-{what}-phone")


def test_learner_journey_fits_a_phone(phone, academy_site, artifacts):
    page = phone
    page.goto("/accounts/login/")
    check_page(page, "login", artifacts)
    log_in(page, "e2e-phone", academy_site.password)
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    check_page(page, "dashboard-empty", artifacts)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses").tap()
    expect(page).to_have_url(re.compile(r"/courses/$"))
    check_page(page, "catalog", artifacts)
    page.get_by_role("link", name=re.compile("^Cybercrime and digital evidence")).tap()
    expect(page).to_have_url(re.compile(re.escape(CYBERCRIME) + "$"))
    check_page(page, "course", artifacts)
    page.get_by_role("button", name="Enrol").tap()

    expect(page).to_have_url(re.compile(re.escape(LESSON_1) + "$"))
    check_page(page, "lesson", artifacts)
    page.locator(".lesson-end").get_by_role("button").tap()
    expect(page).to_have_url(re.compile(re.escape(LESSON_2) + "$"))
    expect(page.get_by_role("status")).to_contain_text("is marked as done")
    check_page(page, "lesson-2", artifacts)
    page.locator(".lesson-end").get_by_role("button").tap()

    expect(page).to_have_url(re.compile(re.escape(MODULE_QUIZ) + "$"))
    check_page(page, "quiz", artifacts)
    page.get_by_role("button", name="Start the quiz").tap()
    expect(page.get_by_role("heading", name="Attempt 1")).to_be_visible()
    check_page(page, "quiz-attempt", artifacts)
    answer_module_quiz(page, last_right=True)
    page.get_by_role("button", name="Submit answers for grading").tap()
    expect(page.locator(".quiz-score")).to_have_text("Your score: 7 of 7 marks (100 %).")
    check_page(page, "quiz-result", artifacts)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="My learning").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    expect(page.locator("progress").first).to_have_attribute("value", re.compile(r"^[1-9]"))
    check_page(page, "dashboard", artifacts)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Profile").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    check_page(page, "profile", artifacts)
    log_out(page)
    check_page(page, "home", artifacts)


def test_sticky_quiz_timer_never_hides_the_focused_control(phone, academy_site, practice_course):
    """WCAG 2.4.11 (Focus not obscured): moving through a timed quiz with Tab and
    Shift+Tab on a phone, the focused control is never under the sticky timer."""
    page = phone
    log_in(page, "e2e-phone-timer", academy_site.password)
    enrol(page, practice_course)
    page.goto(practice_course + "timed-practice/timed-quiz/")
    page.get_by_role("button", name="Start the quiz").tap()
    expect(page.locator("[data-quiz-timer]")).to_be_visible()
    hidden = []
    for key in ["Tab"] * 25 + ["Shift+Tab"] * 25:
        page.keyboard.press(key)
        state = page.evaluate(
            """() => {
              const el = document.activeElement;
              const timer = document.querySelector('[data-quiz-timer]');
              if (!el || el === document.body || timer.contains(el)) return null;
              const r = el.getBoundingClientRect(), t = timer.getBoundingClientRect();
              return {name: el.name || el.innerText.trim().slice(0, 30),
                      hidden: r.top >= t.top && r.bottom <= t.bottom,
                      overlap: r.top < t.bottom && r.bottom > t.top};
            }"""
        )
        if state and state["overlap"]:
            hidden.append(state)
    assert not hidden, f"the timer hides the focused control: {hidden}"


def test_reading_to_the_end_does_not_move_the_button_under_a_finger(phone, academy_site):
    """Reading a lesson to its end completes it and relabels its button "Continue"; the
    button keeps its box, so a tap already on its way still lands on it."""
    page = phone
    log_in(page, "e2e-phone-reader", academy_site.password)
    enrol(page)
    page.goto(LESSON_2)
    button = page.locator(".lesson-end").get_by_role("button")
    where = """b => { const r = b.getBoundingClientRect();
                      return [r.left, r.top + window.scrollY, r.width, r.height]; }"""
    before = button.evaluate(where)
    # A swipe to the end, as a finger would (the End key is a keyboard's, not a phone's).
    page.locator("[data-lesson-end]").scroll_into_view_if_needed()
    expect(page.get_by_text("You have completed this lesson.")).to_be_visible()
    expect(button).to_have_text("Continue")
    assert button.evaluate(where) == pytest.approx(before, abs=0.5)
    button.tap()
    expect(page).to_have_url(re.compile(re.escape(MODULE_QUIZ) + "$"))


def test_autosave_messages_never_move_the_quiz_buttons(phone, academy_site):
    """The autosave line says what happened to the answers (here: the connection is lost,
    a message two lines long on a phone); the buttons below the questions stay put."""
    page = phone
    log_in(page, "e2e-phone-offline", academy_site.password)
    enrol(page)
    page.goto(MODULE_QUIZ)
    page.get_by_role("button", name="Start the quiz").tap()
    submit = page.get_by_role("button", name="Submit answers for grading")
    where = """b => { const r = b.getBoundingClientRect();
                      return [r.left, r.top + window.scrollY, r.width, r.height]; }"""
    before = submit.evaluate(where)
    page.route("**/autosave/", lambda route: route.abort("internetdisconnected"))
    page.locator("fieldset").first.get_by_label("True").check()
    expect(page.locator("[data-autosave-status]")).to_contain_text("connection was lost")
    assert submit.evaluate(where) == pytest.approx(before, abs=0.5)
