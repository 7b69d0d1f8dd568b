"""The journeys of issue 5, each as one person does it in a browser."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import TIMED_QUIZ_MINUTES
from tests.e2e.helpers import (
    CYBERCRIME,
    EUROPOL_FINDING,
    EUROPOL_REPORTED,
    FIRST_STEP,
    LESSON_1,
    LESSON_2,
    MODULE_QUIZ,
    choose_by_keyboard,
    course_progress,
    enrol,
    log_in,
    log_out,
    question,
    question_about,
    tab_to,
    tick_by_keyboard,
    type_by_keyboard,
)

pytestmark = pytest.mark.e2e

COURSE_TITLE = "Cybercrime and digital evidence in cross-border cooperation"


def url_is(path):
    return re.compile(re.escape(path) + r"(\?.*)?$")


def pager_link(page, direction):
    return page.get_by_role("navigation", name="Lessons").get_by_role(
        "link", name=re.compile(rf"^{direction}\b")
    )


def outline_step(page, title):
    return page.get_by_role("complementary", name="Course outline").locator(
        ".outline__step", has=page.get_by_role("link", name=title, exact=True)
    )


def done_steps(page):
    return page.get_by_role("complementary", name="Course outline").locator(
        ".outline__step.is-done"
    )


def test_officer_reads_two_lessons_and_takes_the_module_quiz_by_keyboard(page, academy_site):
    """Journey 1: log in, find the course, enrol, read two lessons with next / previous,
    mark them done, watch the bar move, take the module quiz with the keyboard only, read
    the score and the feedback, log out."""
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
    after_two = course_progress(page)
    assert after_two > after_one
    expect(done_steps(page)).to_have_count(2)
    pager_link(page, "Next").click()
    expect(page).to_have_url(url_is(LESSON_2))
    pager_link(page, "Next").click()
    expect(page).to_have_url(url_is(MODULE_QUIZ))

    # The module quiz, with the keyboard only: Tab, arrows, Space, typing and Enter.
    start = page.get_by_role("button", name="Start the quiz")
    tab_to(page, start)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Attempt 1")).to_be_visible()
    choose_by_keyboard(page, question(page, 1), "True")
    choose_by_keyboard(page, question(page, 2), EUROPOL_FINDING)
    tick_by_keyboard(page, question(page, 3), EUROPOL_REPORTED)
    type_by_keyboard(page, question(page, 4).get_by_role("textbox"), "crime as a service")
    choose_by_keyboard(page, question(page, 5), "True")
    choose_by_keyboard(page, question(page, 6), FIRST_STEP)
    choose_by_keyboard(page, question(page, 7), "True")  # wrong, on purpose
    tab_to(page, page.get_by_role("button", name="Submit answers for grading"))
    page.keyboard.press("Enter")

    # Score, verdict and feedback, each question with what the learner answered.
    expect(page.get_by_role("heading", name="Result of attempt 1")).to_be_visible()
    expect(page.locator(".quiz-score")).to_have_text("Your score: 6 of 7 marks (85.71 %).")
    expect(page.locator(".quiz-verdict")).to_have_text("Passed: the pass mark is 70 %.")
    last = page.get_by_role("region", name="Question 7")
    expect(last.locator(".quiz-status")).to_have_text("Incorrect")
    expect(last).to_contain_text("Not so. The paper, reporting Europol, says the range")
    expect(last).to_contain_text("the ambit of cybercrime broadens")  # the explanation
    first = page.get_by_role("region", name="Question 1")
    expect(first.locator(".quiz-status")).to_have_text("Correct")
    expect(first).to_contain_text("Correct. The paper quotes Europol's conclusion")

    # A passed quiz counts as a done step.
    expect(done_steps(page)).to_have_count(3)
    assert course_progress(page) > after_two

    log_out(page)
    page.goto(LESSON_2)
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))


def seconds_left_on_server(page):
    """What the server said, when it rendered the attempt page, about the time left."""
    return int(page.locator("[data-quiz-timer]").get_attribute("data-seconds-left"))


def test_connection_drops_mid_quiz_and_the_reload_keeps_answers_and_clock(
    page, context, academy_site, practice_course
):
    """Journey 2: answers saved before the connection dropped are there after a reload;
    one given while offline is saved when the connection is back; the deadline is the
    server's, and its clock kept running all along."""
    log_in(page, "e2e-reload", academy_site.password)
    enrol(page, practice_course)
    page.goto(practice_course + "timed-practice/timed-quiz/")
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_role("heading", name="Attempt 1")).to_be_visible()
    attempt_url = page.url
    deadline = page.locator(".quiz-timer time").get_attribute("datetime")
    left_at_start = seconds_left_on_server(page)
    started = time.monotonic()
    assert TIMED_QUIZ_MINUTES * 60 - 5 <= left_at_start <= TIMED_QUIZ_MINUTES * 60

    autosave = page.locator("[data-autosave-status]")
    question_about(page, "In which year").get_by_role("textbox").fill("2016")
    question_about(page, "Name the business model").get_by_role("textbox").fill(
        "Crime-as-a-Service"
    )
    expect(autosave).to_contain_text("Answers saved at")

    # The connection drops: the page says the answer it could not save is not saved.
    context.set_offline(True)
    question_about(page, "Most attacks reported").get_by_label("False").check()
    expect(autosave).to_have_text("Not saved: the connection was lost. Trying again…")
    # The on-screen countdown goes on meanwhile (from the server's figure).
    countdown = page.locator("[data-quiz-timer-text]")
    shown = countdown.text_content()
    expect(countdown).not_to_have_text(shown)

    # Back online, the page saves what it could not (it retries on its own).
    context.set_offline(False)
    expect(autosave).to_contain_text("Answers saved at", timeout=15_000)

    page.reload()
    expect(page).to_have_url(attempt_url)
    expect(question_about(page, "In which year").get_by_role("textbox")).to_have_value("2016")
    expect(question_about(page, "Name the business model").get_by_role("textbox")).to_have_value(
        "Crime-as-a-Service"
    )
    expect(question_about(page, "Most attacks reported").get_by_label("False")).to_be_checked()
    expect(page.locator(".quiz-progress")).to_contain_text("3 of 4")

    # The same deadline, and the time left on the server went down by the time that passed.
    assert page.locator(".quiz-timer time").get_attribute("datetime") == deadline
    elapsed = time.monotonic() - started
    left_now = seconds_left_on_server(page)
    assert left_at_start - elapsed - 3 <= left_now <= left_at_start - int(elapsed) + 1, (
        f"{left_at_start=} {left_now=} {elapsed=:.1f}"
    )
    assert left_now < left_at_start

    question_about(page, "Which Europol unit").get_by_label(
        "The European Cybercrime Centre (EC3)"
    ).check()
    page.get_by_role("button", name="Submit answers for grading").click()
    expect(page.locator(".quiz-score")).to_have_text("Your score: 4 of 4 marks (100 %).")


def test_trainer_marks_an_essay_and_the_officer_result_updates(
    page, new_context, academy_site, practice_course
):
    """Journey 4: an essay waits for a trainer; once marked, the officer's result, grade
    and progress change."""
    log_in(page, "e2e-essay", academy_site.password)
    enrol(page, practice_course)
    page.goto(practice_course + "essay-practice/essay-quiz/")
    page.get_by_role("button", name="Start the quiz").click()
    question_about(page, "Digital evidence held abroad").get_by_label("False").check()
    question_about(page, "A ransomware server").get_by_role("textbox").fill(ESSAY)
    page.get_by_role("button", name="Submit answers for grading").click()

    result_url = page.url
    expect(page.locator(".quiz-score")).to_have_text(
        "Your answers are submitted. A trainer still has to mark some of them; "
        "your marks so far: 1 of 3."
    )
    essay = page.get_by_role("region", name="Question 2")
    expect(essay).to_contain_text("Mark: not yet marked, of 2")
    quiz_step = outline_step(page, "Written answer")
    expect(quiz_step).not_to_have_class(re.compile(r"\bis-done\b"))

    # A trainer marks only the learners of the cohorts they train.
    academy_site.shell(
        """
from django.contrib.auth import get_user_model
from courses.models import CoursePage
from learners.models import Cohort
cohort = Cohort.objects.get(name="Cohort A")
cohort.learners.add(get_user_model().objects.get(username="e2e-essay"))
cohort.courses.add(CoursePage.objects.get(slug="e2e-practice"))
"""
    )
    trainer = new_context().new_page()
    log_in(trainer, "trainer", academy_site.password, next_path="/admin/")
    trainer.goto("/admin/quizzes/marking/")
    row = trainer.get_by_role("row").filter(has_text="Test Essay").filter(has_text="Written answer")
    row.get_by_role("link", name="Mark").click()
    expect(trainer.get_by_text(ESSAY)).to_be_visible()
    trainer.get_by_role("spinbutton", name=re.compile(r"\bMark\b")).fill("1.5")
    trainer.get_by_label("Comment for the learner").fill(COMMENT)
    trainer.get_by_role("button", name="Save mark").click()
    expect(trainer.get_by_role("row").filter(has_text="Test Essay")).to_contain_text("1.50 / 2")

    page.goto(result_url)
    expect(page.locator(".quiz-score")).to_have_text("Your score: 2.50 of 3 marks (83.33 %).")
    expect(page.locator(".quiz-verdict")).to_have_text("Passed: the pass mark is 50 %.")
    expect(essay).to_contain_text("Mark: 1.50 of 2")
    expect(essay).to_contain_text(COMMENT)
    expect(quiz_step).to_have_class(re.compile(r"\bis-done\b"))


ESSAY = "I would secure the local logs first, then ask for preservation of the server abroad."
COMMENT = "Good: preservation first. Name the channel you would use."
