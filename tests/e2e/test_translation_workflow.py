"""A trainer translates a lesson into Russian in the admin; a course lead approves it in the
"Course review" workflow. The English lesson then changes: the changed paragraph shows as
untranslated in the Russian translation, the trainer translates it, the lead approves again,
and the Russian lesson at /ru/... reads the new words."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import explore, log_in

pytestmark = pytest.mark.e2e

COURSE = "Cross-cultural skills for international cooperation"
MODULE = "Cultural competency, language and working methods"
COURSE_RU = "Межкультурные навыки для международного сотрудничества"
MODULE_RU = "Культурная компетентность, язык и методы работы"
LESSON_PATH = (
    "/courses/cross-cultural-cooperation/culture-language-working-methods/"
    "greeting-a-foreign-delegation/"
)
# The English lesson, segment by segment, and what the trainer types for each.
TITLE = ("Greeting a foreign delegation", "Встреча иностранной делегации")
SEGMENTS = [
    TITLE,
    (
        "How to open a first meeting with partners from abroad.",
        "Как начать первую встречу с зарубежными партнёрами.",
    ),
    ("Greet the head of the delegation first.", "Сначала поприветствуйте главу делегации."),
    ("Offer tea before any business.", "Предложите чай, прежде чем переходить к делу."),
]
CHANGED = ("Offer tea before any business.", "Offer tea, and ask about the journey.")
CHANGED_RU = "Предложите чай и спросите, как прошла дорога."


def publish_english_lesson(site):
    """The English lesson the trainer will translate, published in a translated course."""
    site.shell(
        f"""
from courses.models import LessonPage, ModulePage
module = ModulePage.objects.get(
    locale__language_code="en", slug="culture-language-working-methods"
)
lesson = LessonPage(
    title={TITLE[0]!r},
    slug="greeting-a-foreign-delegation",
    summary={SEGMENTS[1][0]!r},
    body=[("rich_text", "<p>{SEGMENTS[2][0]}</p><p>{SEGMENTS[3][0]}</p>")],
)
module.add_child(instance=lesson)
lesson.save_revision().publish()
"""
    )


def segment(page, english):
    """One segment of wagtail-localize's translation editor: the English text and its
    translation, with the Translate / Edit / Save buttons."""
    return page.locator(f'xpath=//li[p[normalize-space(.)="{english}"]]')


def translate_segment(page, english, russian):
    row = segment(page, english)
    row.get_by_role("button", name="Translate").click()
    row.get_by_role("textbox").fill(russian)
    row.get_by_role("button", name="Save").click()
    # Saved: the segment is marked complete and offers to edit the translation.
    expect(row).to_have_class("complete")
    expect(row.get_by_role("button", name="Edit")).to_be_visible()


def row_action(page, title, action):
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=title, exact=True))
    row.get_by_role("button", name=f"More options for '{title}'").click()
    row.get_by_role("link", name=action).click()


def submit_translation_to_review(page, title):
    row_action(page, title, "Submit translation to review")
    page.get_by_role("button", name="Submit to Course review").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"The translation '{title}' was submitted to Course review."
    )


def approve(lead, title):
    lead.goto("/admin/")
    review = lead.get_by_role("region", name="Awaiting your review")
    row = review.get_by_role("row").filter(has=lead.get_by_role("link", name=title, exact=True))
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    expect(row).to_have_count(0)


def test_a_lesson_is_translated_reviewed_and_kept_in_step_with_its_english_source(
    page, new_context, academy_site
):
    publish_english_lesson(academy_site)
    trainer = page
    log_in(trainer, "trainer", academy_site.password, next_path="/admin/")
    lead = new_context().new_page()
    log_in(lead, "lead", academy_site.password, next_path="/admin/")

    # The trainer starts the Russian translation from the page explorer.
    explore(trainer, "English", COURSE, MODULE)
    row_action(trainer, TITLE[0], "Translate this page")
    trainer.get_by_role("checkbox", name="Russian").check()
    trainer.get_by_role("button", name="Submit").click()
    expect(trainer.get_by_role("status")).to_contain_text(
        f"The page '{TITLE[0]}' was successfully submitted for translation into Russian"
    )
    # The translation editor: every segment waits for its translation.
    expect(trainer.get_by_role("heading", name="English to Russian translation")).to_be_visible()
    for english, russian in SEGMENTS:
        expect(segment(trainer, english)).to_have_class("incomplete")
        translate_segment(trainer, english, russian)

    # A new translation is a draft: nothing in Russian until the course lead approves.
    ru_lesson = "/ru" + LESSON_PATH
    explore(trainer, "Russian", COURSE_RU, MODULE_RU)
    submit_translation_to_review(trainer, TITLE[1])
    approve(lead, TITLE[1])

    trainer.goto(ru_lesson)
    expect(trainer.get_by_role("heading", level=1)).to_have_text(TITLE[1])
    expect(trainer.get_by_text(SEGMENTS[3][1])).to_be_visible()
    expect(trainer.get_by_role("note").filter(has_text="ещё не переведена")).to_have_count(0)

    # The course lead changes a paragraph of the English lesson and publishes it.
    explore(lead, "English", COURSE, MODULE)
    lead.get_by_role("link", name=TITLE[0], exact=True).click()
    body = lead.get_by_role("region", name="Body").get_by_role("textbox")
    paragraph = body.get_by_text(CHANGED[0], exact=True)
    paragraph.click()
    lead.keyboard.press("End")
    lead.keyboard.press("Shift+Home")
    lead.keyboard.type(CHANGED[1])
    expect(lead.locator("input[name='body-0-value']")).to_have_value(re.compile(CHANGED[1]))
    lead.get_by_role("button", name="More actions").click()
    lead.get_by_role("button", name="Publish").click()
    expect(lead.get_by_role("status")).to_contain_text(f"Page '{TITLE[0]}' has been published.")

    # The trainer brings the change to the translations ("Sync translated pages"), as a
    # draft: nothing is published without review.
    explore(trainer, "English", COURSE, MODULE)
    row_action(trainer, TITLE[0], "Sync translated pages")
    # (a trainer is not offered wagtail-localize's "Publish immediately")
    expect(trainer.get_by_role("heading", name="Update existing translations")).to_be_visible()
    expect(trainer.get_by_role("checkbox", name="Publish immediately")).to_have_count(0)
    trainer.get_by_role("button", name="Submit").click()
    expect(trainer.get_by_role("status")).to_contain_text("Successfully updated")

    # In the Russian translation, the changed paragraph is the one segment to translate.
    trainer.goto(ru_lesson)
    expect(trainer.get_by_text(SEGMENTS[3][1])).to_be_visible()  # still the approved text
    explore(trainer, "Russian", COURSE_RU, MODULE_RU)
    trainer.get_by_role("link", name=TITLE[1], exact=True).click()
    expect(segment(trainer, CHANGED[1])).to_have_class("incomplete")
    expect(segment(trainer, CHANGED[1]).get_by_role("button", name="Translate")).to_be_visible()
    for english, _russian in SEGMENTS[:3]:
        expect(segment(trainer, english)).to_have_class("complete")
    # (the Promote tab, hidden, holds the slug, kept as in English)
    expect(trainer.locator("li.incomplete:visible")).to_have_count(1)
    translate_segment(trainer, CHANGED[1], CHANGED_RU)

    explore(trainer, "Russian", COURSE_RU, MODULE_RU)
    submit_translation_to_review(trainer, TITLE[1])
    approve(lead, TITLE[1])

    # The Russian lesson reads the updated paragraph.
    trainer.goto(ru_lesson)
    expect(trainer.get_by_role("heading", level=1)).to_have_text(TITLE[1])
    expect(trainer.get_by_text(CHANGED_RU)).to_be_visible()
    expect(trainer.get_by_text(SEGMENTS[3][1])).to_have_count(0)
    expect(trainer.get_by_text(SEGMENTS[2][1])).to_be_visible()
