"""The attempt life cycle: start, save, submit, deadlines, grading methods, marking, versions."""

import io
from datetime import timedelta
from decimal import Decimal

from django.http import QueryDict
from django.utils import timezone

import pytest

from courses.models import StepCompletion
from quizzes.attempts import QuizUnavailable, close_if_overdue, start_attempt
from quizzes.marking import MarkingError, mark_response
from quizzes.models import (
    Attempt,
    AttemptState,
    ExpiryPolicy,
    GradingMethod,
    Question,
    QuestionCategory,
    QuestionVersion,
    QuizGrade,
    Response,
)
from quizzes.overview import quiz_overview
from tests.builders import enrolled_learner
from tests.quizzes.builders import (
    essay,
    form_data,
    make_module,
    make_quiz,
    matching,
    multiple_response,
    ordering,
    paper,
    post_form,
    single_choice,
    take,
    true_false,
)

pytestmark = pytest.mark.django_db

RIGHT = {"Which is right?": "Right"}
WRONG = {"Which is right?": "Wrong"}


def query(data):
    result = QueryDict(mutable=True)
    for key, value in data.items():
        result.setlist(key, value if isinstance(value, list) else [value])
    return result


def completed(user, quiz):
    return StepCompletion.objects.filter(user=user, step_id=quiz.pk).exists()


@pytest.fixture
def quiz():
    return make_quiz(questions=[single_choice(), true_false()], pass_mark=50)


class TestStarting:
    def test_an_attempt_gets_every_question_pinned_to_a_version(self, quiz, learner):
        attempt, created = start_attempt(learner, quiz)
        assert created and attempt.number == 1 and attempt.state == AttemptState.IN_PROGRESS
        responses = list(attempt.responses.select_related("version"))
        assert [r.version.prompt for r in sorted(responses, key=lambda r: r.slot)] == [
            "Which is right?",
            "The statement holds.",
        ]
        assert attempt.max_score == 2

    def test_starting_again_resumes_the_attempt_in_progress(self, quiz, learner):
        first, _ = start_attempt(learner, quiz)
        again, created = start_attempt(learner, quiz)
        assert again == first and not created
        assert Attempt.objects.count() == 1

    def test_the_attempts_limit_holds(self, learner):
        limited = make_quiz(make_module("Other"), questions=[single_choice()], attempts_allowed=2)
        take(limited, learner, RIGHT)
        take(limited, learner, WRONG)
        with pytest.raises(QuizUnavailable, match="every attempt"):
            start_attempt(learner, limited)
        assert Attempt.objects.filter(quiz=limited).count() == 2

    def test_no_limit_when_attempts_allowed_is_zero(self, quiz, learner):
        for _ in range(4):
            take(quiz, learner, RIGHT)
        assert Attempt.objects.filter(quiz=quiz, user=learner).count() == 4

    def test_not_before_it_opens_nor_after_it_closes(self, learner):
        now = timezone.now()
        later = make_quiz(questions=[single_choice()], opens_at=now + timedelta(days=1))
        with pytest.raises(QuizUnavailable, match="not open yet"):
            start_attempt(learner, later, now=now)
        closed = make_quiz(questions=[single_choice()], closes_at=now - timedelta(days=1))
        with pytest.raises(QuizUnavailable, match="closed"):
            start_attempt(learner, closed, now=now)

    def test_a_quiz_without_questions_cannot_start(self, learner):
        with pytest.raises(QuizUnavailable, match="no questions"):
            start_attempt(learner, make_quiz())

    def test_the_quiz_page_tells_why_before_the_learner_tries(self, learner):
        # One rule for the page and the start: the page offers no start button that fails.
        now = timezone.now()
        empty = make_quiz(make_module("Empty"))
        later = make_quiz(
            make_module("Later"), questions=[single_choice()], opens_at=now + timedelta(days=1)
        )
        used = make_quiz(make_module("Used"), questions=[single_choice()], attempts_allowed=1)
        take(used, learner, RIGHT)
        for quiz, reason in (
            (empty, "no questions"),
            (later, "not open yet"),
            (used, "every attempt"),
        ):
            overview = quiz_overview(learner, quiz, now)
            assert reason in overview.unavailable and not overview.can_start
            with pytest.raises(QuizUnavailable, match=reason):
                start_attempt(learner, quiz, now=now)


class TestSaving:
    def test_saved_answers_survive_a_reload(self, quiz, learner):
        attempt, _ = start_attempt(learner, quiz)
        outcome = post_form(attempt, query(form_data(attempt, RIGHT)), finish=False)
        assert outcome.status == "saved"
        attempt.refresh_from_db()
        assert attempt.saved_version == 1 and attempt.state == AttemptState.IN_PROGRESS
        item = paper(attempt)[1]
        assert item.answer.chosen == {
            next(c.key for c in item.question.choices if c.text == "Right")
        }

    def test_saving_the_same_answers_again_changes_nothing(self, quiz, learner):
        attempt, _ = start_attempt(learner, quiz)
        post_form(attempt, query(form_data(attempt, RIGHT)), finish=False)
        attempt.refresh_from_db()
        post_form(attempt, query(form_data(attempt, RIGHT)), finish=False)
        attempt.refresh_from_db()
        assert attempt.saved_version == 1

    def test_a_stale_form_stores_nothing(self, quiz, learner):
        attempt, _ = start_attempt(learner, quiz)
        stale = form_data(attempt, WRONG)  # the form of a page loaded before the save below
        post_form(attempt, query(form_data(attempt, RIGHT)), finish=False)
        outcome = post_form(attempt, query(stale), finish=True)
        assert outcome.status == "stale"
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.IN_PROGRESS
        assert (
            paper(attempt)[1]
            .question.choices_by_key[next(iter(paper(attempt)[1].answer.chosen))]
            .text
            == "Right"
        )


class TestPagesDrawnBeforeRowsHadTheirOwnNames:
    """Ordering and matching rows used to be named by a choice token (the matching leak);
    a learner whose page was open across that change still has every answer counted."""

    def legacy_form(self, attempt):
        data = QueryDict(mutable=True)
        data["saved_version"] = str(attempt.saved_version)
        for item in paper(attempt).values():
            first_key_of = {}
            for choice in item.question.choices:
                first_key_of.setdefault(choice.match_text, choice.key)
            for choice in item.question.choices:
                if item.question.kind == "ordering":
                    data[item.legacy_row_name(choice.key)] = str(choice.position)
                else:
                    data[item.legacy_row_name(choice.key)] = item.token(
                        first_key_of[choice.match_text]
                    )
        return data

    def test_the_old_names_are_read_and_graded(self, learner):
        quiz = make_quiz(questions=[ordering(), matching()])
        learner = enrolled_learner(quiz, username="late-officer")
        attempt, _created = start_attempt(learner, quiz)
        outcome = post_form(attempt, self.legacy_form(attempt), finish=True)
        assert outcome.status == "finished"
        assert outcome.attempt.percent == Decimal(100)

    def test_answers_saved_before_the_change_show_under_the_new_names(self, learner):
        quiz = make_quiz(questions=[matching()])
        learner = enrolled_learner(quiz, username="saving-officer")
        attempt, _created = start_attempt(learner, quiz)
        post_form(attempt, self.legacy_form(attempt), finish=False)
        (item,) = paper(attempt).values()
        assert len(item.answer.matches) == len(item.question.choices)
        attempt.refresh_from_db()
        again = post_form(attempt, self.legacy_form(attempt), finish=True)
        assert again.attempt.percent == Decimal(100)


class TestSubmitting:
    def test_a_pass_completes_the_step(self, quiz, learner):
        attempt = take(quiz, learner, {**RIGHT, "The statement holds.": True})
        assert attempt.state == AttemptState.GRADED
        assert (attempt.score, attempt.percent, attempt.passed) == (2, 100, True)
        assert completed(learner, quiz)
        assert QuizGrade.objects.get(quiz=quiz, user=learner).passed

    def test_a_fail_does_not(self, quiz, learner):
        attempt = take(quiz, learner, {**WRONG, "The statement holds.": False})
        assert (attempt.percent, attempt.passed) == (0, False)
        assert not completed(learner, quiz)

    def test_a_second_submission_of_the_same_attempt_counts_once(self, quiz, learner):
        attempt, _ = start_attempt(learner, quiz)
        data = query(form_data(attempt, RIGHT))
        assert post_form(attempt, data, finish=True).status == "finished"
        again = post_form(attempt, data, finish=True)
        assert again.status == "closed"
        assert Attempt.objects.filter(quiz=quiz, user=learner).count() == 1
        assert StepCompletion.objects.filter(user=learner, step_id=quiz.pk).count() == 1
        assert QuizGrade.objects.get(quiz=quiz, user=learner).percent == 50

    def test_unanswered_questions_score_zero(self, quiz, learner):
        attempt = take(quiz, learner, {})
        assert attempt.score == 0 and attempt.state == AttemptState.GRADED
        assert not Response.objects.filter(attempt=attempt, answered=True).exists()


class TestTimeLimit:
    def started_minutes_ago(self, quiz, learner, minutes):
        now = timezone.now()
        attempt, _ = start_attempt(learner, quiz, now=now - timedelta(minutes=minutes))
        return attempt, now

    def test_an_attempt_past_its_limit_is_submitted_with_what_was_saved(self, learner):
        quiz = make_quiz(questions=[single_choice()], time_limit_minutes=30)
        attempt, now = self.started_minutes_ago(quiz, learner, 31)
        assert attempt.deadline == attempt.started_at + timedelta(minutes=30)
        post_form(
            attempt, query(form_data(attempt, RIGHT)), finish=False, now=now - timedelta(minutes=10)
        )
        closed = close_if_overdue(attempt, now)
        assert closed.state == AttemptState.GRADED and closed.score == 1
        assert closed.submitted_automatically and closed.submitted_at == attempt.deadline
        assert completed(learner, quiz)

    def test_answers_sent_after_the_deadline_are_not_stored(self, learner):
        quiz = make_quiz(questions=[single_choice()], time_limit_minutes=30)
        attempt, now = self.started_minutes_ago(quiz, learner, 31)
        outcome = post_form(attempt, query(form_data(attempt, RIGHT)), finish=True, now=now)
        assert outcome.status == "time_up"
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.GRADED and attempt.score == 0

    def test_within_the_limit_nothing_happens(self, learner):
        quiz = make_quiz(questions=[single_choice()], time_limit_minutes=30)
        attempt, now = self.started_minutes_ago(quiz, learner, 29)
        assert close_if_overdue(attempt, now).state == AttemptState.IN_PROGRESS

    def test_the_grace_period_lets_saved_answers_be_submitted_unchanged(self, learner):
        quiz = make_quiz(
            questions=[single_choice()],
            time_limit_minutes=30,
            expiry_policy=ExpiryPolicy.GRACE,
            grace_period_minutes=5,
        )
        attempt, now = self.started_minutes_ago(quiz, learner, 32)
        post_form(
            attempt, query(form_data(attempt, RIGHT)), finish=False, now=now - timedelta(minutes=5)
        )
        attempt.refresh_from_db()
        assert close_if_overdue(attempt, now).state == AttemptState.IN_PROGRESS
        refused = post_form(attempt, query(form_data(attempt, WRONG)), finish=False, now=now)
        assert refused.status == "time_up"
        attempt.refresh_from_db()
        outcome = post_form(attempt, query(form_data(attempt, WRONG)), finish=True, now=now)
        assert outcome.status == "finished"
        assert outcome.attempt.score == 1  # the saved "Right", not the posted "Wrong"

    def test_after_the_grace_period_the_attempt_is_abandoned_but_counts(self, learner):
        quiz = make_quiz(
            questions=[single_choice()],
            time_limit_minutes=30,
            expiry_policy=ExpiryPolicy.GRACE,
            grace_period_minutes=5,
            attempts_allowed=1,
        )
        attempt, now = self.started_minutes_ago(quiz, learner, 36)
        assert close_if_overdue(attempt, now).state == AttemptState.ABANDONED
        assert QuizGrade.objects.get(quiz=quiz, user=learner).percent is None
        with pytest.raises(QuizUnavailable):
            start_attempt(learner, quiz, now=now)

    def test_the_closing_date_is_a_deadline_too(self, learner):
        now = timezone.now()
        quiz = make_quiz(
            questions=[single_choice()],
            time_limit_minutes=60,
            closes_at=now + timedelta(minutes=10),
        )
        attempt, _ = start_attempt(learner, quiz, now=now)
        assert attempt.deadline == quiz.closes_at


class TestGradingMethods:
    @pytest.mark.parametrize(
        ("method", "grade", "passed"),
        [
            (GradingMethod.HIGHEST, 100, True),
            (GradingMethod.FIRST, 50, True),
            (GradingMethod.LAST, 0, False),
            (GradingMethod.AVERAGE, 50, True),
        ],
    )
    def test_the_grade_over_attempts_of_50_100_and_0(self, learner, method, grade, passed):
        quiz = make_quiz(
            make_module("Methods"),
            questions=[single_choice(), true_false()],
            grading_method=method,
            pass_mark=50,
        )
        take(quiz, learner, {**RIGHT, "The statement holds.": False})
        take(quiz, learner, {**RIGHT, "The statement holds.": True})
        take(quiz, learner, {**WRONG, "The statement holds.": False})
        result = QuizGrade.objects.get(quiz=quiz, user=learner)
        assert (result.percent, result.passed) == (grade, passed)
        assert completed(learner, quiz) is passed

    def test_with_the_last_attempt_a_failed_retake_takes_the_completion_back(self, learner):
        quiz = make_quiz(
            make_module("Retake"), questions=[single_choice()], grading_method=GradingMethod.LAST
        )
        take(quiz, learner, RIGHT)
        assert completed(learner, quiz)
        take(quiz, learner, WRONG)
        assert not completed(learner, quiz)


class TestEssayMarking:
    @pytest.fixture
    def essay_quiz(self):
        return make_quiz(make_module("Essays"), questions=[single_choice(), essay()], pass_mark=75)

    def test_an_essay_waits_for_a_mark_that_then_completes_the_step(self, essay_quiz, learner):
        trainer = learner  # any user may be recorded as the marker here
        attempt = take(essay_quiz, learner, {**RIGHT, "Explain.": "Preserve, then request."})
        assert attempt.state == AttemptState.AWAITING_MARKING and attempt.percent is None
        assert not completed(learner, essay_quiz)
        response = Response.objects.select_related("attempt").get(
            attempt=attempt, version__kind="essay"
        )
        marked = mark_response(response, mark=Decimal(1), comment="Good.", marker=trainer)
        assert (marked.state, marked.percent, marked.passed) == (AttemptState.GRADED, 100, True)
        assert completed(learner, essay_quiz)

        response.refresh_from_db()
        lowered = mark_response(
            response, mark=Decimal(0), comment="Too short.", marker=trainer, reason="Re-read."
        )
        assert (lowered.percent, lowered.passed) == (50, False)
        assert not completed(learner, essay_quiz)

    def test_a_mark_above_the_question_weight_is_refused(self, essay_quiz, learner):
        attempt = take(essay_quiz, learner, {"Explain.": "Something."})
        response = Response.objects.select_related("attempt").get(
            attempt=attempt, version__kind="essay"
        )
        with pytest.raises(MarkingError):
            mark_response(response, mark=Decimal(2), comment="", marker=learner)
        response.refresh_from_db()
        assert response.mark is None


class TestVersions:
    def test_editing_a_question_never_rewrites_past_results(self, quiz, learner):
        first = take(quiz, learner, RIGHT)
        # The trainer swaps the right answer and publishes.
        draft = quiz.get_latest_revision_as_object()
        questions = list(draft.questions.all())
        choices = list(questions[0].choices.all())
        for choice in choices:
            choice.is_correct = choice.text == "Wrong"
        questions[0].choices = choices
        draft.questions = questions
        draft.save_revision().publish()

        first.refresh_from_db()
        assert first.score == 1
        old = paper(first)[1].question
        assert [c.text for c in old.choices if c.is_correct] == ["Right"]

        second = take(quiz, enrolled_learner(quiz, "officer2"), RIGHT)
        assert second.score == 0
        versions = QuestionVersion.objects.filter(question__prompt="Which is right?")
        assert sorted(versions.values_list("number", flat=True)) == [1, 2]

    def test_an_unchanged_question_keeps_its_version(self, quiz, learner):
        take(quiz, learner, RIGHT)
        take(quiz, learner, WRONG)
        assert QuestionVersion.objects.count() == 2  # one per question, shared by both attempts

    def test_a_deleted_question_leaves_past_attempts_whole(self, quiz, learner):
        attempt = take(quiz, learner, RIGHT)
        draft = quiz.get_latest_revision_as_object()
        draft.questions = [q for q in draft.questions.all() if q.prompt != "Which is right?"]
        draft.save_revision().publish()
        assert not Question.objects.filter(prompt="Which is right?").exists()
        assert [item.question.prompt for item in paper(attempt).values()][0] == "Which is right?"


def test_deleting_a_quiz_page_takes_its_attempts_with_it(quiz, learner):
    take(quiz, learner, RIGHT)
    quiz.delete()
    assert not Attempt.objects.exists() and not Response.objects.exists()
    assert QuestionVersion.objects.count() == 2  # orphaned, harmless, never shown


class TestOrder:
    def test_layout_order_unless_questions_are_shuffled(self, learner):
        quiz = make_quiz(
            questions=[single_choice(f"Q{n}") for n in range(6)], shuffle_choices=False
        )
        attempt, _ = start_attempt(learner, quiz)
        assert all(r.slot == r.position for r in attempt.responses.all())
        item = paper(attempt)[1]
        assert [item.question.choices_by_key[k].text for k in item.display_keys] == [
            "Right",
            "Wrong",
            "Also wrong",
        ]

    def test_shuffled_questions_and_choices_differ_between_officers(self, quiz):
        shuffled = make_quiz(
            make_module("Shuffled"),
            questions=[multiple_response(f"Q{n}") for n in range(6)],
            shuffle_questions=True,
            shuffle_choices=True,
        )
        layouts, choice_orders = set(), set()
        for n in range(4):
            attempt, _ = start_attempt(enrolled_learner(shuffled, f"officer{n}"), shuffled)
            responses = sorted(attempt.responses.all(), key=lambda r: r.slot)
            layouts.add(tuple(r.position for r in responses))
            choice_orders.add(tuple(responses[0].display_order))
        # The chance that four papers come out identical is about 1 in 10^8.
        assert len(layouts) > 1 and len(choice_orders) > 1


class TestDrawingFromABank:
    def bank(self, size=6):
        category = QuestionCategory.objects.create(name="Evidence bank")
        source = make_quiz(
            make_module("Bank"),
            questions=[single_choice(f"Bank {n}", category=category) for n in range(size)],
        )
        return category, source

    def test_a_draw_gives_each_officer_random_questions_from_the_category(self):
        category, _ = self.bank()
        final = make_quiz(
            make_module("Final"), questions=[true_false("Own question")], draws=[(category, 2)]
        )
        papers = set()
        for n in range(5):
            attempt, _ = start_attempt(enrolled_learner(final, f"officer{n}"), final)
            prompts = [item.question.prompt for item in paper(attempt).values()]
            assert prompts[0] == "Own question" and len(prompts) == 3
            assert all(p.startswith("Bank ") for p in prompts[1:])
            papers.add(frozenset(prompts))
        assert len(papers) > 1

    def test_questions_of_unpublished_quizzes_are_not_drawn(self):
        category, source = self.bank(size=2)
        source.unpublish()
        final = make_quiz(make_module("Final"), draws=[(category, 2)])
        with pytest.raises(QuizUnavailable, match="no questions"):
            start_attempt(enrolled_learner(final), final)


class TestSettings:
    def test_overall_feedback_by_score_band(self):
        quiz = make_quiz(bands=[(0, "Read the module again."), (50, "Nearly."), (80, "Well done.")])
        assert quiz.feedback_for(Decimal("49.99")) == "Read the module again."
        assert quiz.feedback_for(Decimal(50)) == "Nearly."
        assert quiz.feedback_for(Decimal(100)) == "Well done."

    def test_review_moments(self):
        now = timezone.now()
        quiz = make_quiz(closes_at=now + timedelta(days=1))
        assert quiz.review_moment(now - timedelta(minutes=1), now) == "immediately"
        assert quiz.review_moment(now - timedelta(minutes=3), now) == "open"
        assert quiz.review_moment(now, now + timedelta(days=2)) == "closed"
        quiz.review_open_right_answer = True
        assert quiz.review_options("open").right_answer
        assert not quiz.review_options("immediately").right_answer


class TestMaintenanceCommands:
    def test_overdue_attempts_are_closed_for_learners_who_never_come_back(self, learner):
        from django.core.management import call_command

        quiz = make_quiz(make_module("Cron"), questions=[single_choice()], time_limit_minutes=5)
        past = timezone.now() - timedelta(minutes=6)
        overdue, _ = start_attempt(learner, quiz, now=past)
        running, _ = start_attempt(enrolled_learner(quiz, "officer2"), quiz)
        call_command("close_overdue_attempts", stdout=io.StringIO())
        overdue.refresh_from_db()
        running.refresh_from_db()
        assert overdue.state == AttemptState.GRADED and running.state == AttemptState.IN_PROGRESS

    def test_question_flags_are_refreshed(self):
        from django.core.management import call_command

        from quizzes.models import QuestionFlag

        quiz = make_quiz(make_module("Flags"), questions=[true_false("Too easy?")])
        for n in range(5):
            take(quiz, enrolled_learner(quiz, f"officer{n}"), {"Too easy?": True})
        call_command("refresh_question_flags", stdout=io.StringIO())
        assert QuestionFlag.objects.get().reasons == ["too_easy"]
