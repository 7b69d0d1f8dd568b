"""Essay rubrics: marks from levels, the marking form, and what the learner sees."""

from decimal import Decimal

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from learners.models import Cohort
from quizzes import audit
from quizzes.kinds import QuestionKind
from quizzes.marking import mark_with_rubric
from quizzes.models import AttemptState, Response
from quizzes.rubrics import RubricError, level_key, levels_mark
from tests.builders import course_of, enrolled_learner, make_user
from tests.quizzes.builders import essay, essay_with_rubric, make_quiz, take

pytestmark = pytest.mark.django_db

MODEL_ANSWER = "The model answer cites Art. 18(13)"


@pytest.fixture
def quiz():
    return make_quiz(questions=[essay_with_rubric()], pass_mark=50, attempts_allowed=2)


def train(trainer, quiz, learner):
    """Put `learner` in a cohort of `trainer` taking `quiz`'s course: theirs to mark."""
    cohort = Cohort.objects.create(name=f"Cohort of {learner.username}")
    cohort.trainers.add(trainer)
    cohort.learners.add(learner)
    cohort.courses.add(course_of(quiz))


@pytest.fixture
def trainer(quiz, learner):
    trainer = make_user("trainer", groups=["Trainers"])
    train(trainer, quiz, learner)
    return trainer


@pytest.fixture
def answered(quiz, learner):
    attempt = take(quiz, learner, {"Draft the request.": "I would send a request."})
    return Response.objects.select_related("version", "attempt").get(attempt=attempt)


def key(response, criterion, level):
    return level_key(response.version_id, criterion, level)


class TestMarksFromLevels:
    def test_the_mark_is_the_sum_of_the_levels_picked(self, answered, trainer):
        attempt = mark_with_rubric(
            answered,
            picks={0: key(answered, 0, 2), 1: key(answered, 1, 0)},
            comment="Good basis, logs lost.",
            marker=trainer,
        )
        answered.refresh_from_db()
        assert (answered.mark, answered.rubric_levels) == (4, [2, 0])
        assert (attempt.state, attempt.percent, attempt.passed) == (
            AttemptState.GRADED,
            Decimal("66.66"),  # percents are rounded down
            True,
        )

    def test_every_criterion_needs_a_level(self, answered, trainer):
        with pytest.raises(RubricError) as error:
            mark_with_rubric(answered, picks={0: key(answered, 0, 1)}, comment="", marker=trainer)
        assert error.value.errors == {1: "Choose a level for “Urgent preservation”."}
        answered.refresh_from_db()
        assert answered.mark is None and answered.rubric_levels == []

    def test_a_level_of_another_criterion_is_refused(self, answered):
        with pytest.raises(RubricError) as error:
            levels_mark(answered.version, {0: key(answered, 1, 1), 1: key(answered, 1, 1)})
        assert error.value.errors == {
            0: "That level belongs to another criterion: choose one of the levels of “Legal basis”."
        }

    def test_a_level_of_another_question_is_refused(self, answered):
        other = answered.version_id + 1000
        picks = {0: level_key(other, 0, 2), 1: key(answered, 1, 1)}
        with pytest.raises(RubricError) as error:
            levels_mark(answered.version, picks)
        assert error.value.errors == {0: "That level belongs to another question."}

    def test_a_level_that_does_not_exist_is_refused(self, answered):
        with pytest.raises(RubricError) as error:
            levels_mark(answered.version, {0: key(answered, 0, 7), 1: "2; DROP"})
        assert set(error.value.errors) == {0, 1}
        assert "Choose one of the levels of “Legal basis”." in error.value.errors[0]

    def test_a_rubric_is_frozen_with_the_version_an_attempt_was_given(
        self, quiz, answered, trainer
    ):
        question = quiz.questions.get()
        question.rubric = essay_with_rubric(
            criteria=[
                {
                    "criterion": "Only one",
                    "levels": [
                        {"points": 0, "description": "-"},
                        {"points": 6, "description": "+"},
                    ],
                }
            ]
        ).rubric
        question.save()
        mark_with_rubric(
            answered,
            picks={0: key(answered, 0, 1), 1: key(answered, 1, 1)},
            comment="",
            marker=trainer,
        )
        answered.refresh_from_db()
        assert answered.mark == 4
        assert [c["criterion"] for c in answered.version.rubric] == [
            "Legal basis",
            "Urgent preservation",
        ]


class TestMarkingForm:
    def url(self, response):
        return reverse("quizzes_admin:mark", args=[response.pk])

    def test_the_form_shows_one_radio_group_per_criterion(self, client, answered, trainer):
        client.force_login(trainer)
        page = BeautifulSoup(client.get(self.url(answered)).content, "html.parser")
        radios = page.find_all("input", attrs={"type": "radio"})
        assert {radio["name"] for radio in radios} == {"criterion-0", "criterion-1"}
        assert len(radios) == 5
        assert not page.find("input", attrs={"name": "mark"})  # no free mark with a rubric
        text = page.get_text(" ")
        assert "Legal basis" in text and "4.00 points: Chooses and justifies" in text
        assert "out of 6" in text

    def test_the_server_computes_the_mark_and_ignores_one_posted(self, client, answered, trainer):
        client.force_login(trainer)
        posted = client.post(
            self.url(answered),
            {
                "criterion-0": key(answered, 0, 1),
                "criterion-1": key(answered, 1, 1),
                "mark": "6",
                "comment": "Check Art. 3 first.",
            },
        )
        assert posted.status_code == 302
        answered.refresh_from_db()
        assert (answered.mark, answered.rubric_levels) == (4, [1, 1])
        again = BeautifulSoup(client.get(self.url(answered)).content, "html.parser")
        assert again.find("input", attrs={"value": key(answered, 0, 1)}).has_attr("checked")

    @pytest.mark.parametrize(
        ("picks", "message"),
        [
            ({"criterion-0": ["0-0-2"]}, "Choose a level for “Urgent preservation”."),
            (
                {"criterion-0": ["LEVEL-1-1"], "criterion-1": ["LEVEL-1-1"]},
                "That level belongs to another criterion",
            ),
            (
                {"criterion-0": ["LEVEL-0-0", "LEVEL-0-2"], "criterion-1": ["LEVEL-1-1"]},
                "Choose one level only.",
            ),
        ],
    )
    def test_bad_levels_are_refused_and_change_nothing(
        self, client, answered, trainer, picks, message
    ):
        client.force_login(trainer)
        data = {
            name: [value.replace("LEVEL", str(answered.version_id)) for value in values]
            for name, values in picks.items()
        }
        page = client.post(self.url(answered), data)
        assert page.status_code == 200 and message in page.content.decode()
        answered.refresh_from_db()
        assert answered.mark is None

    def test_a_re_mark_by_rubric_needs_a_reason_and_goes_on_the_record(
        self, client, answered, trainer
    ):
        client.force_login(trainer)
        levels = {"criterion-0": key(answered, 0, 1), "criterion-1": key(answered, 1, 1)}
        assert client.post(self.url(answered), levels).status_code == 302
        lower = {**levels, "criterion-0": key(answered, 0, 0)}
        refused = client.post(self.url(answered), lower)
        assert refused.status_code == 200 and "This field is required" in refused.text
        assert (
            client.post(self.url(answered), {**lower, "reason": "No legal basis."}).status_code
            == 302
        )

        first, second = audit.mark_history(answered)
        assert (first.data["after"]["mark"], second.data["before"]["mark"]) == ("4.00", "4.0000")
        assert (second.action, second.data["reason"]) == (audit.REMARK, "No legal basis.")

    def test_an_essay_without_a_rubric_keeps_the_free_mark(self, client, trainer):
        quiz = make_quiz(questions=[essay()])
        other = enrolled_learner(quiz, "officer2")
        train(trainer, quiz, other)
        attempt = take(quiz, other, {"Explain.": "Because."})
        response = attempt.responses.get(version__kind=QuestionKind.ESSAY)
        client.force_login(trainer)
        assert client.post(self.url(response), {"mark": "0.5"}).status_code == 302
        response.refresh_from_db()
        assert response.mark == Decimal("0.5")


class TestWhatTheLearnerSees:
    def result(self, client, learner, response):
        client.force_login(learner)
        return client.get(reverse("quizzes:result", args=[response.attempt_id])).content.decode()

    def test_before_marking_neither_rubric_levels_nor_model_answer(self, client, learner, answered):
        html = self.result(client, learner, answered)
        assert "Waiting for a trainer to mark" in html
        assert MODEL_ANSWER not in html and "Asks the 24/7 point of contact" not in html

    def test_after_marking_the_rubric_the_levels_given_and_the_model_answer(
        self, client, learner, answered, trainer
    ):
        mark_with_rubric(
            answered,
            picks={0: key(answered, 0, 1), 1: key(answered, 1, 1)},
            comment="Check Art. 3 first.",
            marker=trainer,
        )
        page = BeautifulSoup(self.result(client, learner, answered), "html.parser")
        table = page.find("table", class_="quiz-rubric")
        assert table.caption.get_text(strip=True) == "How your answer was marked"
        chosen = [li.get_text(" ", strip=True) for li in table.find_all("li", class_="is-chosen")]
        assert chosen == [
            "2: Names UNTOC Art. 18 without checking Art. 3. (the level given)",
            "2: Asks the 24/7 point of contact to preserve the logs. (the level given)",
        ]
        rows = [tr.find_all("td")[-1].get_text(strip=True) for tr in table.tbody.find_all("tr")]
        assert rows == ["2 of 4", "2 of 2"]
        text = page.get_text(" ")
        assert "Mark: 4 of 6" in text and "Check Art. 3 first." in text
        assert MODEL_ANSWER in text

    def test_a_blank_essay_given_zero_at_submission_shows_no_model_answer(
        self, client, quiz, learner
    ):
        attempt = take(quiz, learner, {})
        response = attempt.responses.get()
        assert response.mark == 0 and attempt.state == AttemptState.GRADED
        assert MODEL_ANSWER not in self.result(client, learner, response)


class TestCompletion:
    """A case assignment counts once a trainer has marked it: submitted is not complete."""

    def test_the_certificate_waits_for_the_trainers_passing_mark(self, quiz, answered, trainer):
        from certificates.models import Certificate
        from courses.models import StepCompletion

        learner = answered.attempt.user
        assert answered.attempt.state == AttemptState.AWAITING_MARKING
        assert not StepCompletion.objects.filter(user=learner, step_id=quiz.pk).exists()
        assert not Certificate.objects.exists()

        mark_with_rubric(
            answered,
            picks={0: key(answered, 0, 1), 1: key(answered, 1, 1)},  # 4 of 6: 66 %
            comment="",
            marker=trainer,
        )

        assert StepCompletion.objects.filter(user=learner, step_id=quiz.pk).exists()
        certificate = Certificate.objects.get()
        assert certificate.user == learner and certificate.is_valid

    def test_a_failing_mark_leaves_the_course_open_and_the_next_attempt_free(
        self, quiz, answered, trainer
    ):
        from certificates.models import Certificate
        from courses.models import StepCompletion
        from quizzes.overview import quiz_overview

        learner = answered.attempt.user
        attempt = mark_with_rubric(
            answered,
            picks={0: key(answered, 0, 0), 1: key(answered, 1, 1)},  # 2 of 6: 33 %
            comment="Name the legal basis.",
            marker=trainer,
        )
        assert (attempt.state, attempt.passed) == (AttemptState.GRADED, False)
        assert not StepCompletion.objects.filter(user=learner, step_id=quiz.pk).exists()
        assert not Certificate.objects.exists()
        assert quiz_overview(learner, quiz).can_start  # two attempts allowed, one used
