"""The seed builder for `type: quiz` steps (fixtures/README.md, "A question")."""

import textwrap
from datetime import timedelta

import pytest

from courses.seed import load_seed_files
from courses.seed_specs import SeedError
from quizzes.models import (
    Attempt,
    ExpiryPolicy,
    GradingMethod,
    Question,
    QuestionCategory,
    QuestionChoice,
    QuizDrawRule,
    QuizPage,
)
from quizzes.seed import read_settings
from tests.builders import enrolled_learner
from tests.quizzes.builders import take

pytestmark = pytest.mark.django_db

COURSE = """\
slug: seeded
title: Seeded course
summary: A course for the quiz seed tests.
modules:
  - slug: basics
    title: Basics
    steps:
      - type: lesson
        slug: intro
        title: Introduction
        body:
          - rich_text: <p>Hello.</p>
      - type: quiz
        slug: module-quiz
        title: Check your understanding
        intro: Five questions.
        pass_mark: 60
        attempts_allowed: 3
        questions:
          - key: grave-threat
            kind: true_false
            prompt: Europol called cybercrime a grave threat.
            answer: true
            feedback_true: Correct.
            feedback_false: Not quite.
            explanation: The paper says so.
            source: "Literature review, ref. [9]"
          - key: caas
            kind: single_choice
            prompt: What sells tools to offenders?
            weight: 2
            choices:
              - text: Crime as a Service
                correct: true
                feedback: Yes.
              - text: Banks
                correct: false
                feedback: No.
          - key: year
            kind: numeric
            prompt: Which year was UNTOC adopted?
            answer: 2000
            tolerance: 0
          - key: order
            kind: ordering
            prompt: Order these.
            items: [Naples, Resolution 49/159, Palermo]
          - key: pairs
            kind: matching
            prompt: Match them.
            pairs:
              - {prompt: Monero, match: Private}
              - {prompt: Bitcoin, match: Public}
          - key: name-it
            kind: short_answer
            prompt: Name the model.
            accepted: [Crime as a Service, CaaS]
          - key: explain
            kind: essay
            prompt: Explain preservation.
            guidance: Mentions the 90-day period.
  - slug: final
    title: Final assessment
    steps:
      - type: quiz
        slug: final-assessment
        title: Final assessment
        pass_mark: 70
        attempts_allowed: 2
        draw:
          - module: basics
            count: 2
"""


MODULE_QUIZ_KEYS = ["grave-threat", "caas", "year", "order", "pairs", "name-it", "explain"]


def write(tmp_path, text, name="seeded.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(path):
    [(_path, outcome)] = [r for r in load_seed_files([path]) if r[0] == path][:1]
    if isinstance(outcome, SeedError):
        raise outcome
    return outcome


def module_quiz():
    return QuizPage.objects.get(slug="module-quiz")


def test_a_quiz_with_every_kind_of_question(tmp_path):
    load(write(tmp_path, COURSE))
    quiz = module_quiz()
    assert (quiz.pass_mark, quiz.attempts_allowed, quiz.intro) == (60, 3, "Five questions.")
    questions = {q.key: q for q in quiz.questions.all()}
    assert list(questions) == MODULE_QUIZ_KEYS
    assert questions["grave-threat"].true_false_answer == "true"
    assert questions["grave-threat"].source_reference == "Literature review, ref. [9]"
    assert questions["caas"].weight == 2
    assert [(c.text, c.is_correct) for c in questions["caas"].choices.all()] == [
        ("Crime as a Service", True),
        ("Banks", False),
    ]
    assert questions["year"].numeric_answer == 2000
    assert [c.text for c in questions["order"].choices.all()] == [
        "Naples",
        "Resolution 49/159",
        "Palermo",
    ]
    assert [(c.text, c.match_text) for c in questions["pairs"].choices.all()] == [
        ("Monero", "Private"),
        ("Bitcoin", "Public"),
    ]
    assert questions["name-it"].accepted_answer_list == ["Crime as a Service", "CaaS"]
    assert questions["explain"].essay_guidance == "Mentions the 90-day period."


def test_a_question_may_be_marked_as_a_scenario_for_the_item_quality_test(tmp_path):
    marked = COURSE.replace(
        "kind: single_choice", "kind: single_choice\n            scenario: true"
    )
    load(write(tmp_path, marked))
    caas = module_quiz().questions.get(key="caas")
    assert [(c.text, c.is_correct) for c in caas.choices.all()][0] == ("Crime as a Service", True)


def test_a_quiz_left_to_its_defaults_has_those_of_a_new_quiz_in_the_admin(tmp_path):
    load(write(tmp_path, COURSE))
    quiz, fresh = module_quiz(), QuizPage()
    settings = read_settings({}).keys() - {"pass_mark", "attempts_allowed"}  # those are set
    assert "time_limit_minutes" in settings
    assert {name: getattr(quiz, name) for name in settings} == {
        name: getattr(fresh, name) for name in settings
    }


def test_the_seed_sets_timing_grading_and_shuffling(tmp_path):
    timed = COURSE.replace(
        "        pass_mark: 70\n",
        "        pass_mark: 70\n"
        "        grading_method: last\n"
        "        time_limit_minutes: 30\n"
        "        expiry_policy: grace\n"
        "        grace_period_minutes: 10\n"
        "        shuffle_questions: true\n"
        "        shuffle_choices: false\n",
    )
    assert timed != COURSE
    load(write(tmp_path, timed))
    final = QuizPage.objects.get(slug="final-assessment")
    assert (final.grading_method, final.time_limit_minutes, final.expiry_policy) == (
        GradingMethod.LAST,
        30,
        ExpiryPolicy.GRACE,
    )
    assert (final.grace_period_minutes, final.shuffle_questions, final.shuffle_choices) == (
        10,
        True,
        False,
    )
    attempt = take(final, enrolled_learner(final), {})
    assert attempt.deadline == attempt.started_at + timedelta(minutes=30)


def test_a_module_quiz_is_the_bank_a_final_assessment_draws_from(tmp_path):
    load(write(tmp_path, COURSE))
    bank = QuestionCategory.objects.get(key="seeded--basics")
    assert set(bank.questions.values_list("key", flat=True)) == set(MODULE_QUIZ_KEYS)
    final = QuizPage.objects.get(slug="final-assessment")
    assert [(r.category, r.count) for r in final.draw_rules.all()] == [(bank, 2)]
    attempt = take(final, enrolled_learner(final), {})
    assert attempt.responses.count() == 2


def test_loading_twice_changes_nothing(tmp_path):
    path = write(tmp_path, COURSE)
    load(path)
    quiz = module_quiz()
    before = (
        quiz.revisions.count(),
        list(Question.objects.order_by("pk").values_list("pk", "prompt")),
        QuestionChoice.objects.count(),
        QuestionCategory.objects.count(),
        QuizDrawRule.objects.count(),
    )
    stats = load(path)
    after = (
        quiz.revisions.count(),
        list(Question.objects.order_by("pk").values_list("pk", "prompt")),
        QuestionChoice.objects.count(),
        QuestionCategory.objects.count(),
        QuizDrawRule.objects.count(),
    )
    assert after == before and stats["created"] == 0 and stats["updated"] == 0


def test_a_changed_source_updates_the_quiz_but_not_past_attempts(tmp_path):
    path = write(tmp_path, COURSE)
    load(path)
    quiz = module_quiz()
    attempt = take(
        quiz, enrolled_learner(quiz), {"What sells tools to offenders?": "Crime as a Service"}
    )
    caas = Question.objects.get(key="caas")
    revisions = quiz.revisions.count()

    write(
        tmp_path, COURSE.replace("What sells tools to offenders?", "Who sells tools to offenders?")
    )
    load(path)

    assert quiz.revisions.count() == revisions + 1
    assert Question.objects.get(key="caas").pk == caas.pk  # matched by key, same question
    assert Question.objects.get(key="caas").prompt == "Who sells tools to offenders?"
    attempt.refresh_from_db()
    assert attempt.score == 2 and Attempt.objects.count() == 1
    pinned = attempt.responses.get(version__question=caas).version
    assert pinned.prompt == "What sells tools to offenders?"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("kind: numeric", "kind: riddle"), "unknown kind 'riddle'"),
        (
            (
                "correct: true\n                feedback: Yes.",
                "correct: false\n                feedback: Yes.",
            ),
            "exactly one choice",
        ),
        (("- key: year", "- key: caas"), "key 'caas' is used twice"),
        (("pass_mark: 60", "pass_mark: 160"), "'pass_mark' must be a whole number from 0 to 100"),
        (("module: basics", "module: nowhere"), "module 'nowhere'"),
        (("answer: true\n", "answer: maybe\n"), "'answer' must be true or false"),
        (
            ("correct: false\n                feedback: No.", "correct: no way\n"),
            "choice: 'correct' must be true or false",
        ),
        (("answer: true\n", "feedback_true: Correct.\n"), "'answer' must be true or false"),
        (("tolerance: 0", "tolerance: -1"), "'tolerance' cannot be negative"),
        (
            ("guidance: Mentions", "colour: blue\n            guidance: Mentions"),
            "unknown field(s) colour",
        ),
        (("items: [Naples, Resolution 49/159, Palermo]", "items: [Naples]"), "at least two"),
        (
            ("attempts_allowed: 2", "attempts_allowed: 2\n        grading_method: best"),
            "'grading_method' must be one of highest, average, first, last",
        ),
        (
            ("attempts_allowed: 2", "attempts_allowed: 2\n        time_limit_minutes: 0"),
            "'time_limit_minutes' must be a whole number from 1",
        ),
        (
            ("attempts_allowed: 2", "attempts_allowed: 2\n        expiry_policy: never"),
            "'expiry_policy' must be one of autosubmit, grace",
        ),
        (
            ("attempts_allowed: 2", "attempts_allowed: 2\n        shuffle_questions: often"),
            "'shuffle_questions' must be true or false",
        ),
        (
            ("kind: numeric", "kind: numeric\n            scenario: yes please"),
            "'scenario' must be",
        ),
    ],
)
def test_a_malformed_quiz_names_the_file_and_line(tmp_path, change, message):
    old, new = change
    assert old in COURSE
    path = write(tmp_path, COURSE.replace(old, new, 1))
    with pytest.raises(SeedError) as error:
        load(path)
    assert message in str(error.value)
    assert str(error.value).startswith(f"{path}:") and error.value.line
    assert not QuizPage.objects.exists()  # nothing of the file was loaded


def test_the_line_is_that_of_the_bad_question(tmp_path):
    path = write(tmp_path, COURSE.replace("kind: numeric", "kind: riddle"))
    with pytest.raises(SeedError) as error:
        load(path)
    expected = COURSE.splitlines().index("          - key: year") + 1
    assert error.value.line == expected


FINAL_BANK = """\
    final_bank:
      - key: bank-threat
        kind: true_false
        prompt: Europol named ransomware a key threat.
        answer: true
      - key: bank-channel
        kind: single_choice
        prompt: Which channel runs day and night?
        choices:
          - {text: The 24/7 network, correct: true}
          - {text: The post, correct: false}
      - key: bank-name
        kind: short_answer
        prompt: Name the convention of 2001.
        accepted: [Budapest Convention, Budapest]
"""
WITH_FINAL_BANK = COURSE.replace("  - slug: final\n", FINAL_BANK + "  - slug: final\n", 1)
FINAL_BANK_KEYS = {"bank-threat", "bank-channel", "bank-name"}


class TestFinalBank:
    def test_a_final_assessment_draws_from_the_final_bank_not_the_module_quiz(self, tmp_path):
        assert WITH_FINAL_BANK != COURSE
        load(write(tmp_path, WITH_FINAL_BANK))
        assert set(module_quiz().questions.values_list("key", flat=True)) == set(MODULE_QUIZ_KEYS)
        bank = QuestionCategory.objects.get(key="seeded--basics--final")
        assert set(bank.questions.values_list("key", flat=True)) == FINAL_BANK_KEYS
        assert not bank.questions.filter(quiz__isnull=False).exists()
        final = QuizPage.objects.get(slug="final-assessment")
        assert [(r.category, r.count) for r in final.draw_rules.all()] == [(bank, 2)]
        learner = enrolled_learner(final)
        attempt = take(final, learner, {})
        drawn = set(attempt.responses.values_list("version__question__key", flat=True))
        assert len(drawn) == 2 and drawn <= FINAL_BANK_KEYS

    def test_a_module_without_a_final_bank_is_drawn_from_its_quiz(self, tmp_path):
        load(write(tmp_path, COURSE))
        assert not QuestionCategory.objects.filter(key="seeded--basics--final").exists()
        final = QuizPage.objects.get(slug="final-assessment")
        assert final.draw_rules.get().category.key == "seeded--basics"

    def test_loading_twice_changes_nothing(self, tmp_path):
        path = write(tmp_path, WITH_FINAL_BANK)
        load(path)
        before = list(Question.objects.order_by("pk").values_list("pk", "key", "prompt"))
        choices = list(QuestionChoice.objects.order_by("pk").values_list("pk", "text"))
        stats = load(path)
        assert list(Question.objects.order_by("pk").values_list("pk", "key", "prompt")) == before
        assert list(QuestionChoice.objects.order_by("pk").values_list("pk", "text")) == choices
        assert stats["bank questions saved"] == 0 and stats["updated"] == 0

    def test_a_changed_bank_question_keeps_its_identity_and_a_removed_bank_goes(self, tmp_path):
        path = write(tmp_path, COURSE)
        load(path)
        write(tmp_path, WITH_FINAL_BANK)
        load(path)
        final = QuizPage.objects.get(slug="final-assessment")
        assert final.draw_rules.get().category.key == "seeded--basics--final"
        channel = Question.objects.get(key="bank-channel")
        write(tmp_path, WITH_FINAL_BANK.replace("runs day and night", "answers at night"))
        stats = load(path)
        assert stats["bank questions saved"] == 1
        changed = Question.objects.get(key="bank-channel")
        assert (changed.pk, changed.prompt) == (channel.pk, "Which channel answers at night?")

        write(tmp_path, COURSE)
        load(path)
        assert not Question.objects.filter(key__in=FINAL_BANK_KEYS).exists()
        final = QuizPage.objects.get(slug="final-assessment")
        assert final.draw_rules.get().category.key == "seeded--basics"

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (("- key: bank-name", "- key: bank-threat"), "key 'bank-threat' is used twice"),
            (("kind: short_answer", "kind: riddle"), "unknown kind 'riddle'"),
            (("correct: true}", "correct: false}"), "exactly one choice"),
            (("    final_bank:\n", "    final_bank: many\n    ignored:\n"), "unknown field"),
        ],
    )
    def test_a_malformed_final_bank_names_the_file_and_line(self, tmp_path, change, message):
        old, new = change
        assert old in WITH_FINAL_BANK
        path = write(tmp_path, WITH_FINAL_BANK.replace(old, new, 1))
        with pytest.raises(SeedError) as error:
            load(path)
        assert message in str(error.value)
        assert str(error.value).startswith(f"{path}:") and error.value.line
        assert not Question.objects.exists()

    def test_a_final_bank_that_is_not_a_list(self, tmp_path):
        text = WITH_FINAL_BANK.split("    final_bank:\n")[0] + "    final_bank: many\n"
        text += "  - slug: final" + WITH_FINAL_BANK.split("  - slug: final", 1)[1]
        path = write(tmp_path, text)
        with pytest.raises(SeedError) as error:
            load(path)
        assert "'final_bank' must be a non-empty list" in str(error.value)
        assert error.value.line == text.splitlines().index("  - slug: basics") + 1


CASE = """\
          - key: case
            kind: essay
            prompt: The case and the task.
            weight: 6
            guidance: What a good answer covers.
            rubric:
              - criterion: Legal basis chosen and justified
                levels:
                  - {points: 0, description: None given.}
                  - {points: 4, description: Chosen and justified.}
              - criterion: Preservation
                levels:
                  - {points: 0, description: Logs lost.}
                  - {points: 1, description: Asked late.}
                  - {points: 2, description: Asked at once.}
            model_answer: |
              <p>The model answer.</p>
"""
WITH_CASE = COURSE.replace("  - slug: final\n", CASE + "  - slug: final\n", 1)


class TestRubricsInTheSeed:
    def test_an_essay_with_a_rubric_and_a_model_answer(self, tmp_path):
        from quizzes.rubrics import rubric_data

        load(write(tmp_path, WITH_CASE))
        case = Question.objects.get(key="case")
        assert rubric_data(case.rubric) == [
            {
                "criterion": "Legal basis chosen and justified",
                "levels": [
                    {"points": "0.00", "description": "None given."},
                    {"points": "4.00", "description": "Chosen and justified."},
                ],
            },
            {
                "criterion": "Preservation",
                "levels": [
                    {"points": "0.00", "description": "Logs lost."},
                    {"points": "1.00", "description": "Asked late."},
                    {"points": "2.00", "description": "Asked at once."},
                ],
            },
        ]
        assert case.model_answer == "<p>The model answer.</p>"
        attempt = take(module_quiz(), enrolled_learner(module_quiz()), {})
        frozen = attempt.responses.get(version__question=case).version
        assert frozen.rubric == rubric_data(case.rubric)
        assert frozen.model_answer == "<p>The model answer.</p>"

    def test_loading_twice_changes_nothing(self, tmp_path):
        path = write(tmp_path, WITH_CASE)
        load(path)
        stats = load(path)
        assert stats["created"] == 0 and stats["updated"] == 0

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (
                ("weight: 6", "weight: 12"),
                "marks (12.00) must equal the sum of each criterion's highest level (6.00)",
            ),
            (
                ("{points: 1, description: Asked late.}", "{points: 2, description: Asked late.}"),
                "levels of “Preservation” need different points",
            ),
            (("{points: 1, description: Asked late.}", "{points: -1}"), "from 0"),
            (("{points: 1, description: Asked late.}", "{points: 1}"), "'description' is missing"),
            (("- criterion: Preservation", "- name: Preservation"), "unknown field(s) name"),
            (
                (
                    "                  - {points: 0, description: None given.}\n",
                    "",
                ),
                "“Legal basis chosen and justified” at least two levels",
            ),
        ],
    )
    def test_a_bad_rubric_names_the_file_and_line(self, tmp_path, change, message):
        old, new = change
        assert old in WITH_CASE
        path = write(tmp_path, WITH_CASE.replace(old, new, 1))
        with pytest.raises(SeedError) as error:
            load(path)
        assert message in str(error.value)
        assert str(error.value).startswith(f"{path}:") and error.value.line
        assert not QuizPage.objects.exists()

    def test_only_an_essay_has_a_rubric(self, tmp_path):
        text = WITH_CASE.replace(
            "kind: essay\n            prompt: The case",
            "kind: numeric\n            prompt: The case",
            1,
        )
        path = write(tmp_path, text)
        with pytest.raises(SeedError) as error:
            load(path)
        assert "unknown field(s) guidance, model_answer, rubric" in str(error.value)
