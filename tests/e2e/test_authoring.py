"""Journey 3: a trainer writes a module in the Wagtail admin and submits it for moderation;
a course lead publishes it; an officer then finds it in the course."""

import email
import email.policy
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import enrol, explore, log_in

pytestmark = pytest.mark.e2e

MODULE = "Preserving evidence held by a foreign host"
LESSON = "Asking a foreign host to preserve logs"
QUIZ = "Check: preservation requests"
LESSON_TEXT = "Ask for preservation through the cooperation channel before anything else."
# Not the cybercrime course that the other tests walk through: this one changes its outline.
COURSE = "International cooperation law and institutions"
COURSE_PATH = "/courses/international-cooperation-law/"


def sent_mail(site):
    """The messages the site has sent (its file mail backend writes them to a folder)."""
    policy = email.policy.default
    folder = site.folder / "mail"
    files = sorted(folder.glob("*.log")) if folder.exists() else []
    messages = []
    for path in files:
        # One file per connection; its messages are separated by a line of dashes.
        for raw in path.read_text(encoding="utf-8").split("-" * 79 + "\n"):
            if raw.strip():
                messages.append(email.message_from_string(raw, policy=policy))
    return messages


def give_title(page, title):
    title_box = page.get_by_role("textbox", name="Title*")
    title_box.fill(title)
    # Leaving the title makes the editor derive the slug a moment later; a person's next
    # step takes longer than that, a test's may not (on a loaded machine the slug was still
    # empty when the page was submitted).
    title_box.press("Tab")
    expect(page.locator("input[name='slug']")).not_to_have_value("")


def submit_for_moderation(page, title):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Course review").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Page '{title}' created and submitted for moderation."
    )


def add_child(page, parent_title, page_type=None):
    """From the explorer of the parent's parent, add a child page to `parent_title`."""
    row = page.get_by_role("row").filter(has_text=parent_title)
    row.get_by_role("link", name=f"Add a child page to '{parent_title}'").click()
    if page_type:
        page.get_by_role("link", name=page_type, exact=True).click()


def test_trainer_writes_a_module_a_lead_publishes_it_an_officer_sees_it(
    page, new_context, academy_site
):
    log_in(page, "trainer", academy_site.password, next_path="/admin/")
    # The page explorer shows the English, Russian and Uzbek trees a trainer may edit.
    explore(page, "English", COURSE)
    course_explorer = page.url

    # A module (the only kind of page a course takes, so no type to choose).
    page.get_by_role("link", name="Add child page").click()
    give_title(page, MODULE)
    page.get_by_role("textbox", name="Summary").fill("What to ask a foreign host, and how.")
    submit_for_moderation(page, MODULE)

    # A lesson with a text block.
    add_child(page, MODULE, "Lesson")
    give_title(page, LESSON)
    body = page.get_by_role("region", name="Body")
    body.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="Text", exact=True).click()
    body.get_by_role("textbox").first.click()
    page.keyboard.type(LESSON_TEXT)
    # The editor writes its content into the form a moment later (Draftail's save delay).
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile(LESSON_TEXT))
    submit_for_moderation(page, LESSON)

    # A quiz of three questions: true or false, short answer, single choice.
    page.goto(course_explorer)
    page.get_by_role("link", name=f"Explore child pages of '{MODULE}'").click()
    page.get_by_role("link", name="Add child page").click()
    page.get_by_role("link", name="Quiz", exact=True).click()
    give_title(page, QUIZ)
    page.get_by_role("tab", name="Questions").click()
    questions = page.get_by_role("tabpanel", name="Questions")
    for _ in range(3):
        questions.get_by_role("button", name="Add question").click()
    first, second, third = (
        questions.get_by_role("region", name=f"Question {n}", exact=True) for n in (1, 2, 3)
    )
    first.get_by_role("combobox", name="Question type*").select_option(label="True or false")
    first.get_by_role("textbox", name="Question*").fill(
        "Logs on a foreign server can be overwritten within days."
    )
    first.get_by_role("combobox", name="The statement is").select_option(label="True")
    second.get_by_role("combobox", name="Question type*").select_option(label="Short answer")
    second.get_by_role("textbox", name="Question*").fill(
        "What do you ask a foreign host for first, so that the logs survive?"
    )
    second.get_by_role("textbox", name="Accepted answers").fill(
        "preservation\npreservation request"
    )
    third.get_by_role("textbox", name="Question*").fill("Which channel carries the request?")
    for _ in range(2):
        third.get_by_role("button", name="Add Choice, item or pair").click()
    choices = third.get_by_role("textbox", name="Text*")
    choices.nth(0).fill("The agency's international cooperation channel")
    choices.nth(1).fill("A private email to the company")
    third.get_by_role("checkbox", name="Correct").first.check()
    submit_for_moderation(page, QUIZ)

    # Nothing is public before a course lead approves.
    officer = new_context().new_page()
    log_in(officer, "e2e-newmodule", academy_site.password)
    enrol(officer, COURSE_PATH)
    officer.goto(COURSE_PATH)
    expect(officer.get_by_role("heading", name=MODULE)).to_have_count(0)

    # The course lead was told by mail that each page waits for review.
    to_lead = [m for m in sent_mail(academy_site) if m["To"] == "lead@example.org"]
    for title in (MODULE, LESSON, QUIZ):
        assert any(title in m["Subject"] for m in to_lead), (title, [m["Subject"] for m in to_lead])

    lead = new_context().new_page()
    log_in(lead, "lead", academy_site.password, next_path="/admin/")
    review = lead.get_by_role("region", name="Awaiting your review")
    for title in (MODULE, LESSON, QUIZ):
        row = review.get_by_role("row").filter(has=lead.get_by_role("link", name=title, exact=True))
        expect(row).to_contain_text("Dilnoza Rahimova")  # the trainer who submitted it
        row.get_by_role("button", name="Actions").click()
        row.get_by_role("button", name="Approve", exact=True).click()
        expect(row).to_have_count(0)

    # The officer finds the new module in the course, reads its lesson, sees its quiz.
    officer.goto(COURSE_PATH)
    expect(officer.get_by_role("heading", name=MODULE)).to_be_visible()
    officer.get_by_role("link", name=LESSON).click()
    expect(officer.get_by_role("heading", level=1)).to_have_text(LESSON)
    expect(officer.get_by_text(LESSON_TEXT)).to_be_visible()
    officer.get_by_role("navigation", name="Lessons").get_by_role(
        "link", name=re.compile(rf"^Next\b.*{QUIZ}")
    ).click()
    expect(officer.get_by_role("heading", level=1)).to_have_text(QUIZ)
    expect(officer.locator(".quiz-facts")).to_contain_text("Questions3")
    officer.get_by_role("button", name="Start the quiz").click()
    expect(officer.locator("fieldset.quiz-question")).to_have_count(3)
    officer.get_by_label("True").check()
    officer.get_by_label("Your answer").fill("Preservation request")
    officer.get_by_label("The agency's international cooperation channel").check()
    officer.get_by_role("button", name="Submit answers for grading").click()
    expect(officer.locator(".quiz-score")).to_have_text("Your score: 3 of 3 marks (100 %).")
