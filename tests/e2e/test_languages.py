"""The language switcher leads to the same page in the other language."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import LESSON_1, enrol, log_in

pytestmark = pytest.mark.e2e


def test_switching_to_russian_keeps_the_learner_on_the_same_lesson(new_context, academy_site):
    page = new_context().new_page()
    log_in(page, "e2e-languages", academy_site.password)
    enrol(page)
    page.goto(LESSON_1)

    page.get_by_label("Language").select_option("ru")
    page.get_by_role("button", name="Change").click()

    expect(page).to_have_url(re.compile(f"/ru{re.escape(LESSON_1)}$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("note")).to_contain_text("ещё не переведена")
    expect(page.locator("main")).to_have_attribute("lang", "en")
