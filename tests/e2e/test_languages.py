"""The language switcher leads to the same page in the other language: its translation where
there is one, else the English page with a note that it is not translated yet."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import LESSON_1, enrol, log_in

pytestmark = pytest.mark.e2e

# The law course has a Russian translation but no Uzbek one.
LAW = "/courses/international-cooperation-law/"
LAW_LESSON = LAW + "why-cooperation/crime-without-borders/"


def switch_language(page, code):
    page.get_by_role("navigation", name="Language").locator(f'a[hreflang="{code}"]').click()


def test_switching_to_russian_opens_the_russian_translation_of_the_lesson(
    new_context, academy_site
):
    page = new_context().new_page()
    log_in(page, "e2e-languages", academy_site.password)
    enrol(page)
    page.goto(LESSON_1)

    switch_language(page, "ru")

    expect(page).to_have_url(re.compile(f"/ru{re.escape(LESSON_1)}$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text("Что установил Европол в 2016 году")
    expect(page.get_by_role("note").filter(has_text="ещё не переведена")).to_have_count(0)
    expect(page.locator("main")).not_to_have_attribute("lang", "en")


def test_a_lesson_not_translated_yet_is_shown_in_english_with_a_note(new_context, academy_site):
    page = new_context().new_page()
    log_in(page, "e2e-languages", academy_site.password)
    enrol(page, LAW)
    page.goto(LAW_LESSON)

    switch_language(page, "uz")

    expect(page).to_have_url(re.compile(f"/uz{re.escape(LAW_LESSON)}$"))
    expect(page.locator("html")).to_have_attribute("lang", "uz")
    expect(page.get_by_role("note")).to_contain_text("hali sizning tilingizga tarjima qilinmagan")
    expect(page.locator("main")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Crime without borders")
