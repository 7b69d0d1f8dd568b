"""A case assignment end to end: the officer writes, a trainer marks against the rubric
with the keyboard, and the officer's result shows the rubric and the model answer."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import CYBERCRIME, describe, enrol, log_in, run_axe, serious_violations

pytestmark = pytest.mark.e2e

CASE = CYBERCRIME + "final-assessment/case-assignment/"
ANSWER = "First the 24/7 contact point to preserve the logs in State B, then the formal request."
MODEL_ANSWER = "preservation comes first"


def test_a_case_assignment_is_marked_against_its_rubric(page, new_context, academy_site):
    log_in(page, "e2e-rubric", academy_site.password)
    enrol(page)
    page.goto(CASE)
    page.get_by_role("button", name="Start the quiz").click()
    page.get_by_role("textbox").fill(ANSWER)
    page.get_by_role("button", name="Submit answers for grading").click()
    result_url = page.url
    expect(page.locator(".quiz-score")).to_contain_text("A trainer still has to mark")
    expect(page.get_by_text(MODEL_ANSWER)).to_have_count(0)

    # The trainer marks the learners of their cohorts, which take every seed course.
    academy_site.shell(
        """
from django.contrib.auth import get_user_model
from learners.models import Cohort
Cohort.objects.get(name="Cohort A").learners.add(get_user_model().objects.get(username="e2e-rubric"))
"""
    )
    trainer = new_context().new_page()
    log_in(trainer, "trainer", academy_site.password, next_path="/admin/")
    trainer.goto("/admin/quizzes/marking/")
    row = trainer.get_by_role("row").filter(has_text="Test Rubric")
    row.get_by_role("link", name="Mark").click()
    expect(
        trainer.get_by_text("The mark is the sum of the levels chosen, out of 12.")
    ).to_be_visible()
    expect(trainer.get_by_role("spinbutton")).to_have_count(0)  # no free mark
    # Keyboard: in a group of radio buttons the arrow keys move to, and pick, a level.
    first = trainer.get_by_role("radio", name=re.compile(r"^0\.00 points: No preservation"))
    first.focus()
    trainer.keyboard.press("ArrowDown")
    trainer.keyboard.press("ArrowDown")
    expect(
        trainer.get_by_role("radio", name=re.compile(r"^4\.00 points: Contacts"))
    ).to_be_checked()
    for level in ("2.00 points: A formal request", "1.00 points: Follows", "2.00 points: Images"):
        trainer.get_by_role("radio", name=re.compile("^" + re.escape(level))).check()
    trainer.get_by_label("Comment for the learner").fill("Name the article for the request.")
    trainer.get_by_role("button", name="Save mark").click()
    expect(trainer.get_by_role("row").filter(has_text="Test Rubric")).to_contain_text("9 / 12")

    page.goto(result_url)
    expect(page.locator(".quiz-score")).to_have_text("Your score: 9 of 12 marks (75 %).")
    rubric = page.get_by_role("table", name="How your answer was marked")
    expect(rubric.get_by_role("row")).to_have_count(5)  # the header and four criteria
    expect(rubric.locator("li.is-chosen")).to_have_count(4)
    expect(page.get_by_text("Name the article for the request.")).to_be_visible()
    expect(page.get_by_text(MODEL_ANSWER)).to_be_visible()
    violations = run_axe(page)
    assert not serious_violations(violations), describe(violations)
