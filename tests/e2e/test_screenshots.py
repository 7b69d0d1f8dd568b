"""Screenshots of the main pages at desktop and phone width, as a learner sees them.

Saved under tests/e2e/artifacts/screenshots/ (git-ignored) on every run; `make screenshots`
copies the few that the README shows into docs/screenshots/.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (
    CYBERCRIME,
    LESSON_1,
    LESSON_2,
    MODULE_QUIZ,
    PHONE,
    answer_module_quiz,
    assert_no_horizontal_overflow,
    enrol,
    log_in,
    screenshot,
)

pytestmark = pytest.mark.e2e


def test_main_pages_at_desktop_and_phone_width(page, new_context, academy_site, artifacts):
    log_in(page, "e2e-shots", academy_site.password)
    enrol(page)
    phone = new_context(**PHONE, storage_state=page.context.storage_state()).new_page()

    def both(name):
        screenshot(page, artifacts, f"{name}-desktop")
        phone.goto(page.url)
        assert_no_horizontal_overflow(phone, name)
        screenshot(phone, artifacts, f"{name}-phone")

    page.goto(LESSON_1)
    page.locator(".lesson-end").get_by_role("button").click()
    expect(page).to_have_url(f"{academy_site.url}{LESSON_2}")
    page.goto(LESSON_2)  # without the "marked as done" message
    both("lesson")
    # The same lesson in Russian, as a learner reading in Russian sees it.
    page.goto("/ru" + LESSON_2)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Почему киберпреступность не знает границ"
    )
    expect(page.get_by_role("note")).to_have_count(0)  # translated, no "not translated" note
    # Its course, module and outline read in Russian too.
    expect(page.locator(".breadcrumb")).to_contain_text(
        "Киберпреступность и цифровые доказательства в трансграничном сотрудничестве"
    )
    expect(page.locator(".outline")).to_contain_text("Что установил Европол в 2016 году")
    both("lesson-ru")

    page.goto(MODULE_QUIZ)
    both("quiz")
    page.get_by_role("button", name="Start the quiz").click()
    answer_module_quiz(page)
    page.get_by_role("button", name="Save and continue later").click()
    page.goto(page.url)  # the attempt, without the "saved" message
    both("quiz-attempt")
    page.get_by_role("button", name="Submit answers for grading").click()
    expect(page.locator(".quiz-score")).to_be_visible()
    page.goto(page.url)
    both("quiz-result")

    for name, path in [
        ("course", CYBERCRIME),
        ("dashboard", "/learn/"),
        ("catalog", "/courses/"),
        ("home", "/"),
    ]:
        page.goto(path)
        both(name)
