"""Learner pages: taking a quiz as a plain HTML form, what the pages reveal, and bad input."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from quizzes.attempts import start_attempt
from quizzes.models import (
    Attempt,
    AttemptState,
    QuestionVersion,
    QuizPage,
    Response,
    ResponseChoice,
)
from tests.builders import enrolled_learner, make_user
from tests.quizzes.builders import (
    essay,
    form_data,
    item_for,
    make_module,
    make_quiz,
    matching,
    multiple_response,
    numeric,
    ordering,
    short_answer,
    single_choice,
    take,
    true_false,
)

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text(element):
    """An element's text with its spaces collapsed."""
    return " ".join(element.get_text(" ").split())


def review_of(page, prompt):
    """The review of the question whose prompt is `prompt` on a result page."""
    return next(
        review
        for review in page.select("section.quiz-review")
        if text(review.select_one(".quiz-review__prompt")) == prompt
    )


def url(name, *args):
    return reverse(f"quizzes:{name}", args=args)


@pytest.fixture
def quiz():
    return make_quiz(
        questions=[
            single_choice(
                explanation="Because Europol said so.",
                source_reference="Literature review, ref. [9]",
            ),
            multiple_response(),
            true_false(),
            short_answer(),
            numeric(answer=1492),
            ordering(),
            matching(),
            essay(model_answer="<p>A model answer: the central authority decides.</p>"),
        ],
        attempts_allowed=3,
    )


@pytest.fixture
def attempt(quiz, learner):
    return start_attempt(learner, quiz)[0]


class TestAccess:
    def test_anonymous_visitors_are_sent_to_log_in(self, client, quiz, attempt):
        for target in [
            quiz.url,
            url("attempt", attempt.pk),
            url("result", attempt.pk),
            url("preview", quiz.pk),
        ]:
            response = client.get(target)
            assert response.status_code == 302 and response.url.startswith("/accounts/login/")
        for target in [
            url("start", quiz.pk),
            url("submit", attempt.pk),
            url("autosave", attempt.pk),
        ]:
            response = client.post(target)
            assert response.status_code == 302 and response.url.startswith("/accounts/login/")

    def test_someone_elses_attempt_is_not_found(self, client, quiz, attempt):
        client.force_login(enrolled_learner(quiz, "other"))
        assert client.get(url("attempt", attempt.pk)).status_code == 404
        assert client.get(url("result", attempt.pk)).status_code == 404
        assert client.post(url("submit", attempt.pk), {"finish": "1"}).status_code == 404
        assert client.post(url("autosave", attempt.pk)).status_code == 404
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.IN_PROGRESS

    def test_a_learner_who_is_not_enrolled_cannot_start(self, client, quiz):
        client.force_login(make_user("stranger", groups=["Learners"]))
        response = client.post(url("start", quiz.pk))
        assert response.status_code == 302 and not Attempt.objects.exists()

    def test_starting_needs_a_post(self, learner_client, quiz):
        assert learner_client.get(url("start", quiz.pk)).status_code == 405


class TestTheQuizFrame:
    """An attempt and its result stand in the frame the quiz page itself has."""

    def test_the_quiz_its_attempt_and_result_extend_the_quiz_base_template(
        self, learner_client, quiz, learner
    ):
        attempt = start_attempt(learner, quiz)[0]
        for target in [quiz.url, url("attempt", attempt.pk)]:
            names = [t.name for t in learner_client.get(target).templates]
            assert "quizzes/base.html" in names, target
        finished = take(quiz, enrolled_learner(quiz, "finished"), {"Which is right?": "Right"})
        learner_client.force_login(finished.user)
        names = [t.name for t in learner_client.get(url("result", finished.pk)).templates]
        assert "quizzes/base.html" in names

    def test_the_attempt_page_has_the_quiz_pages_outline_and_heading(
        self, learner_client, quiz, attempt
    ):
        quiz_page = soup(learner_client.get(quiz.url))
        attempt_page = soup(learner_client.get(url("attempt", attempt.pk)))
        for selector in [
            "nav.breadcrumb",
            "aside.step-layout__outline",
            "#step-title",
            "nav.pager",
        ]:
            assert attempt_page.select_one(selector) == quiz_page.select_one(selector), selector


class TestTakingAQuizWithoutJavaScript:
    def test_start_answer_save_and_submit(self, learner_client, quiz, learner):
        page = learner_client.get(quiz.url)
        start_form = soup(page).find("form", action=url("start", quiz.pk))
        assert start_form is not None

        response = learner_client.post(url("start", quiz.pk))
        attempt = Attempt.objects.get(user=learner)
        assert response.url == url("attempt", attempt.pk)
        assert learner_client.get(response.url).status_code == 200

        saved = learner_client.post(
            url("submit", attempt.pk),
            {**form_data(attempt, {"Which is right?": "Right"}), "save": "1"},
        )
        assert saved.url == url("attempt", attempt.pk)
        reloaded = soup(learner_client.get(saved.url))
        checked = reloaded.find("input", attrs={"name": "q1", "checked": True})
        assert (
            checked is not None
            and reloaded.find("label", attrs={"for": checked["id"]}).text == "Right"
        )

        attempt.refresh_from_db()
        answers = {"Which is right?": "Right", "Explain.": "Preserve the data first."}
        done = learner_client.post(
            url("submit", attempt.pk), {**form_data(attempt, answers), "finish": "1"}
        )
        assert done.url == url("result", attempt.pk)
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.AWAITING_MARKING  # the essay waits for a trainer

    def test_a_double_click_on_submit_counts_once(self, learner_client, attempt):
        data = {**form_data(attempt, {"Which is right?": "Right"}), "finish": "1"}
        first = learner_client.post(url("submit", attempt.pk), data)
        second = learner_client.post(url("submit", attempt.pk), data, follow=True)
        assert first.url == url("result", attempt.pk)
        assert "already submitted" in second.content.decode()
        assert Attempt.objects.count() == 1
        assert Response.objects.filter(attempt=attempt, mark__isnull=False).count() == 8

    def test_starting_twice_gives_the_same_attempt(self, learner_client, quiz, attempt):
        response = learner_client.post(url("start", quiz.pk))
        assert response.url == url("attempt", attempt.pk)
        assert Attempt.objects.count() == 1

    def test_an_attempt_past_its_deadline_is_submitted_when_next_opened(
        self, learner_client, quiz, learner
    ):
        timed = make_quiz(make_module("Timed"), questions=[single_choice()], time_limit_minutes=10)
        past = timezone.now() - timedelta(minutes=11)
        attempt, _ = start_attempt(enrolled_learner(timed, "timed"), timed, now=past)
        learner_client.force_login(attempt.user)
        response = learner_client.get(url("attempt", attempt.pk))
        assert response.url == url("result", attempt.pk)
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.GRADED and attempt.submitted_automatically

    def test_the_page_shows_the_servers_deadline(self, learner_client):
        timed = make_quiz(make_module("Timed"), questions=[single_choice()], time_limit_minutes=10)
        user = enrolled_learner(timed, "timed")
        attempt, _ = start_attempt(user, timed, now=timezone.now() - timedelta(minutes=4))
        learner_client.force_login(user)
        timer = soup(learner_client.get(url("attempt", attempt.pk))).find(
            attrs={"data-quiz-timer": True}
        )
        assert 5 * 60 <= int(timer["data-seconds-left"]) <= 6 * 60
        assert timer.find("time")["datetime"] == attempt.deadline.isoformat()


class TestNoAnswerKeyBeforeSubmission:
    SECRETS = [
        "Yes: Right.",  # per-choice feedback
        "No: Wrong.",
        "You said true.",  # true/false feedback
        "Because Europol said so.",  # explanation
        "Literature review, ref. [9]",  # source reference
        "Crime as a Service",  # the accepted short answer
        "1492",  # the numeric answer
        "Mentions the central authority.",  # essay guidance
        "A model answer: the central authority",  # an essay's model answer
        "correct",
    ]

    def test_the_attempt_page_reveals_nothing(self, learner_client, attempt):
        html = learner_client.get(url("attempt", attempt.pk)).content.decode()
        for secret in self.SECRETS:
            assert secret not in html, secret

    def test_a_submitted_essay_waiting_for_its_mark_shows_no_model_answer(
        self, learner_client, attempt
    ):
        data = form_data(attempt, {"Explain.": "The central authority."}, finish="1")
        learner_client.post(url("submit", attempt.pk), data)
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.AWAITING_MARKING
        html = learner_client.get(url("result", attempt.pk)).content.decode()
        assert "The central authority." in html  # the learner's own answer
        assert "A model answer" not in html

    def test_right_and_wrong_choices_look_alike(self, learner_client, attempt):
        page = soup(learner_client.get(url("attempt", attempt.pk)))
        item = item_for(attempt, "Which is right?")
        right = next(c for c in item.question.choices if c.is_correct)
        inputs = page.find_all("input", attrs={"name": item.name})
        shapes = {re.sub(r'(value|id)="[^"]*"', "", str(tag)) for tag in inputs}
        assert len(shapes) == 1  # identical apart from the opaque value and the id
        values = [tag["value"] for tag in inputs]
        assert str(right.key) not in values and len(set(values)) == len(values)

    def test_the_ordering_items_are_not_offered_in_the_right_order(self, learner_client, attempt):
        page = soup(learner_client.get(url("attempt", attempt.pk)))
        item = item_for(attempt, "Put in order.")
        for select in page.find_all("select", attrs={"name": re.compile(f"^{item.name}-")}):
            assert [o.get("value") for o in select.find_all("option")] == ["", "1", "2", "3", "4"]
            assert not select.find("option", selected=True)

    def test_the_quiz_page_and_the_api_carry_no_questions(
        self, learner_client, client, quiz, attempt
    ):
        page = learner_client.get(quiz.url).content.decode()
        assert "Which is right?" not in page
        api = client.get(f"/api/v2/pages/{quiz.pk}/", {"fields": "*"})
        assert api.status_code == 200
        body = api.content.decode()
        assert "question" not in body.lower() and "Right" not in body and "choices" not in body

    def test_the_autosave_answer_carries_no_marks(self, learner_client, attempt):
        data = form_data(attempt, {"Which is right?": "Right"})
        body = learner_client.post(url("autosave", attempt.pk), data).json()
        assert set(body) == {"saved", "version", "saved_at", "seconds_left", "errors"}
        assert body["saved"] and body["version"] == 1 and body["errors"] == {}


class TestBadInput:
    def post(self, client, attempt, data):
        return client.post(
            url("submit", attempt.pk),
            {"saved_version": str(attempt.saved_version), **data, "finish": "1"},
        )

    def assert_refused(self, response, attempt, message):
        assert response.status_code == 200
        assert message in response.content.decode()
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.IN_PROGRESS

    def test_an_unknown_choice(self, learner_client, attempt):
        response = self.post(learner_client, attempt, {"q1": "not-a-choice"})
        self.assert_refused(response, attempt, "not one of this question")
        assert not ResponseChoice.objects.exists()

    def test_a_choice_of_another_question(self, learner_client, attempt):
        other = item_for(attempt, "Which apply?")
        target = item_for(attempt, "Which is right?")
        token = other.token(other.question.choices[0].key)
        response = self.post(learner_client, attempt, {target.name: token})
        self.assert_refused(response, attempt, "belongs to another question")
        assert not ResponseChoice.objects.exists()

    def test_two_answers_to_a_single_choice_question(self, learner_client, attempt):
        item = item_for(attempt, "Which is right?")
        tokens = [item.token(c.key) for c in item.question.choices[:2]]
        response = self.post(learner_client, attempt, {item.name: tokens})
        self.assert_refused(response, attempt, "Choose only one answer")

    def test_text_where_a_number_is_expected(self, learner_client, attempt):
        item = item_for(attempt, "Which year?")
        response = self.post(learner_client, attempt, {item.name: "the year 2000"})
        self.assert_refused(response, attempt, "Enter a number")
        assert Response.objects.get(attempt=attempt, slot=item.slot).text == ""

    def test_an_oversized_essay_is_refused_but_shown_again(self, learner_client, attempt):
        item = item_for(attempt, "Explain.")
        text = "evidence " * 3000
        response = self.post(learner_client, attempt, {item.name: text})
        self.assert_refused(response, attempt, "Keep your answer under 20000 characters")
        page = soup(response)
        textarea = page.find("textarea", attrs={"name": item.name})
        assert textarea.text.startswith("evidence evidence")
        assert textarea["aria-describedby"] == f"{item.name}-error" and page.find(
            id=f"{item.name}-error"
        )
        assert Response.objects.get(attempt=attempt, slot=item.slot).text == ""

    def test_a_null_character(self, learner_client, attempt):
        item = item_for(attempt, "Name it.")
        response = self.post(learner_client, attempt, {item.name: "Crime\x00"})
        self.assert_refused(response, attempt, "control characters")

    def test_a_position_used_twice_or_out_of_range(self, learner_client, attempt):
        item = item_for(attempt, "Put in order.")
        first, second = (item.row_name(c.key) for c in item.question.choices[:2])
        response = self.post(learner_client, attempt, {first: "1", second: "1"})
        self.assert_refused(response, attempt, "one item only")
        response = self.post(learner_client, attempt, {first: "9"})
        self.assert_refused(response, attempt, "Choose a position from the list")

    def test_a_match_that_is_not_offered(self, learner_client, attempt):
        item = item_for(attempt, "Match them.")
        name = item.row_name(item.question.choices[0].key)
        response = self.post(learner_client, attempt, {name: "zzz"})
        self.assert_refused(response, attempt, "Choose an answer from the list")

    def test_valid_answers_next_to_a_bad_one_are_kept(self, learner_client, attempt):
        good = form_data(attempt, {"Name it.": "CaaS"})
        response = self.post(
            learner_client, attempt, {**good, item_for(attempt, "Which year?").name: "x"}
        )
        self.assert_refused(response, attempt, "Enter a number")
        assert (
            Response.objects.get(attempt=attempt, slot=item_for(attempt, "Name it.").slot).text
            == "CaaS"
        )

    def test_a_stale_form(self, learner_client, attempt):
        stale = {**form_data(attempt, {"Which is right?": "Wrong"}), "finish": "1"}
        learner_client.post(
            url("autosave", attempt.pk), form_data(attempt, {"Which is right?": "Right"})
        )
        response = learner_client.post(url("submit", attempt.pk), stale, follow=True)
        assert "out of date" in response.content.decode()
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.IN_PROGRESS and attempt.saved_version == 1

    def test_a_submission_to_a_closed_attempt(self, learner_client, quiz, learner):
        done = take(quiz, learner, {"Which is right?": "Right"})
        response = learner_client.post(
            url("submit", done.pk),
            {**form_data(done, {"Which is right?": "Wrong"}), "finish": "1"},
            follow=True,
        )
        assert "already submitted" in response.content.decode()
        assert Response.objects.get(attempt=done, slot=1).mark == 1

    def test_autosave_of_a_stale_or_closed_attempt(self, learner_client, quiz, learner, attempt):
        stale = learner_client.post(url("autosave", attempt.pk), {"saved_version": "7"})
        assert stale.status_code == 409 and stale.json()["stale"]
        learner_client.post(url("submit", attempt.pk), {"saved_version": "0", "finish": "1"})
        closed = learner_client.post(url("autosave", attempt.pk), {"saved_version": "1"})
        assert closed.status_code == 409 and closed.json()["redirect"] == url("result", attempt.pk)


class TestResultPage:
    def answer_everything(self, quiz, learner, **review):
        for field, value in review.items():
            setattr(quiz, field, value)
        quiz.save_revision().publish()
        return take(quiz, learner, {"Which is right?": "Wrong", "Explain.": ""})

    def test_immediately_after_the_learner_sees_what_the_quiz_allows(
        self, learner_client, quiz, learner
    ):
        attempt = self.answer_everything(quiz, learner)
        response = learner_client.get(url("result", attempt.pk))
        page = soup(response)
        assert text(page.select_one(".quiz-score")) == "Your score: 0 of 8 marks (0 %)."
        assert text(page.select_one(".quiz-verdict")).startswith("Not passed")
        single = review_of(page, "Which is right?")
        # feedback on the chosen choice, the explanation and the source
        assert "No: Wrong." in [text(p) for p in single.select(".quiz-review__feedback")]
        assert text(single.select_one(".quiz-review__explanation")).endswith(
            "Because Europol said so."
        )
        assert text(single.select_one(".quiz-review__source cite")) == "Literature review, ref. [9]"
        assert not page.select(".quiz-review__right")  # not allowed right after, by default
        # the blank essay got 0 without a trainer: no model answer anywhere
        assert "A model answer" not in response.content.decode()

    def test_later_the_right_answer_when_allowed(self, learner_client, quiz, learner):
        attempt = self.answer_everything(quiz, learner, review_open_right_answer=True)
        Attempt.objects.filter(pk=attempt.pk).update(
            submitted_at=timezone.now() - timedelta(hours=1)
        )
        right_answers = soup(learner_client.get(url("result", attempt.pk))).select(
            ".quiz-review__right"
        )
        assert any("Crime as a Service" in text(right) for right in right_answers)

    def test_after_the_quiz_closes_the_right_answer_by_default(self, learner_client, quiz, learner):
        attempt = self.answer_everything(quiz, learner)
        QuizPage.objects.filter(pk=quiz.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
        right_answers = soup(learner_client.get(url("result", attempt.pk))).select(
            ".quiz-review__right"
        )
        assert "The right answer: 1492" in [text(right) for right in right_answers]

    def test_nothing_of_the_questions_when_review_is_off(self, learner_client, quiz, learner):
        off = {
            f"review_immediately_{item}": False
            for item in [
                "answers",
                "correctness",
                "marks",
                "feedback",
                "explanation",
                "right_answer",
            ]
        }
        attempt = self.answer_everything(quiz, learner, **off)
        response = learner_client.get(url("result", attempt.pk))
        assert text(soup(response).select_one(".quiz-score")).startswith("Your score")
        html = response.content.decode()
        assert "Which is right?" not in html and "No: Wrong." not in html

    def test_overall_feedback(self, learner_client, learner):
        banded = make_quiz(
            make_module("Banded"), questions=[single_choice()], bands=[(0, "Read it again.")]
        )
        attempt = take(banded, enrolled_learner(banded, "banded"), {"Which is right?": "Wrong"})
        learner_client.force_login(attempt.user)
        assert "Read it again." in learner_client.get(url("result", attempt.pk)).content.decode()


class TestAccessibleMarkup:
    def check_page(self, response):
        page = soup(response)
        assert len(page.find_all("h1")) == 1
        for control in page.find_all(["input", "select", "textarea"]):
            if control.get("type") in ("hidden", "submit"):
                continue
            assert control.get("id") and page.find("label", attrs={"for": control["id"]}), control
        for tag in page.find_all(attrs={"tabindex": True}):
            assert int(tag["tabindex"]) <= 0
        for tag in page.find_all(attrs={"aria-describedby": True}):
            assert page.find(id=tag["aria-describedby"])
        return page

    def test_the_attempt_page(self, learner_client, attempt):
        page = self.check_page(learner_client.get(url("attempt", attempt.pk)))
        fieldsets = page.find_all("fieldset", class_="quiz-question")
        assert len(fieldsets) == 8 and all(f.find("legend") for f in fieldsets)

    def test_the_attempt_page_with_errors(self, learner_client, attempt):
        response = learner_client.post(
            url("submit", attempt.pk), {"saved_version": "0", "q1": "bad", "finish": "1"}
        )
        page = self.check_page(response)
        summary = page.find(class_="quiz-error-summary")
        assert summary["role"] == "alert" and summary.find("a")["href"] == "#q1"

    def test_the_quiz_page_and_the_result(self, learner_client, quiz, learner):
        self.check_page(learner_client.get(quiz.url))
        attempt = take(quiz, learner, {"Which is right?": "Right"})
        self.check_page(learner_client.get(url("result", attempt.pk)))


class TestTrainerPreview:
    @pytest.fixture
    def trainer_client(self, client):
        client.force_login(make_user("trainer", groups=["Trainers"]))
        return client

    def test_a_trainer_takes_the_quiz_without_recording_anything(self, trainer_client, quiz):
        page = trainer_client.get(url("preview", quiz.pk))
        assert page.status_code == 200
        data = {"plan": soup(page).find("input", attrs={"name": "plan"})["value"]}
        form = soup(page)
        radio = form.find("input", attrs={"name": "q1"})
        data[radio["name"]] = radio["value"]
        result = trainer_client.post(url("preview", quiz.pk), data)
        assert result.status_code == 200 and "Score:" in result.content.decode()
        assert not Attempt.objects.exists() and not Response.objects.exists()
        assert not QuestionVersion.objects.exists()

    def test_the_preview_shows_the_latest_draft(self, trainer_client, quiz):
        draft = quiz.get_latest_revision_as_object()
        draft.questions = [single_choice("A draft question")]
        draft.save_revision()
        assert "A draft question" in trainer_client.get(url("preview", quiz.pk)).content.decode()

    def test_a_tampered_plan_starts_a_new_preview(self, trainer_client, quiz):
        response = trainer_client.post(url("preview", quiz.pk), {"plan": "forged"})
        assert (
            response.status_code == 200
            and "changed since this preview began" in response.content.decode()
        )

    def test_learners_cannot_preview(self, learner_client, quiz):
        assert learner_client.get(url("preview", quiz.pk)).status_code == 404
