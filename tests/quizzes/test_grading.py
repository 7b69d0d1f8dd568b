"""Grading of every question type, full, partial and zero credit: pure functions, no database."""

from decimal import Decimal

import pytest

from quizzes.content import Answer, ChoiceData, QuestionData
from quizzes.grades import grade_of
from quizzes.grading import correctness, fraction, mark_for, percent_of
from quizzes.kinds import QuestionKind
from quizzes.kinds.text import parse_number
from quizzes.models import GradingMethod


def question(kind, weight="1", choices=(), **fields):
    return QuestionData(
        kind=kind,
        prompt="?",
        weight=Decimal(weight),
        choices=tuple(
            ChoiceData(key=key, position=position, text=text, is_correct=correct, match_text=match)
            for position, (key, text, correct, match) in enumerate(choices, start=1)
        ),
        **fields,
    )


SINGLE = question(
    QuestionKind.SINGLE_CHOICE,
    "2",
    [(11, "Right", True, ""), (12, "Wrong", False, ""), (13, "No", False, "")],
)
MULTIPLE = question(
    QuestionKind.MULTIPLE_RESPONSE,
    "3",
    [
        (1, "A", True, ""),
        (2, "B", True, ""),
        (3, "C", True, ""),
        (4, "D", False, ""),
        (5, "E", False, ""),
    ],
)
TRUE_FALSE = question(
    QuestionKind.TRUE_FALSE, "1", [(7, "True", False, ""), (8, "False", True, "")]
)
SHORT = question(QuestionKind.SHORT_ANSWER, accepted_answers=("Crime as a Service", "CaaS"))
NUMBER = question(QuestionKind.NUMERIC, numeric_answer=Decimal("2000"), tolerance=Decimal("0.5"))
ORDER = question(
    QuestionKind.ORDERING,
    "4",
    [
        (21, "Naples", False, ""),
        (22, "Resolution 49/159", False, ""),
        (23, "Palermo", False, ""),
        (24, "Entry into force", False, ""),
    ],
)
MATCH = question(
    QuestionKind.MATCHING,
    "3",
    [
        (31, "Monero", False, "Private by default"),
        (32, "Bitcoin", False, "Public ledger"),
        (33, "Ethereum", False, "Public ledger"),
    ],
)
MULTIPLE_CHOICES = [(1, "A", True, ""), (2, "B", True, ""), (3, "C", True, ""), (4, "D", False, "")]
ESSAY = question(QuestionKind.ESSAY, "5", essay_guidance="Mentions preservation.")


class TestSingleChoiceAndTrueFalse:
    def test_the_right_choice_earns_the_weight(self):
        assert mark_for(SINGLE, Answer(chosen=frozenset({11}))) == Decimal("2")

    def test_a_wrong_choice_earns_nothing(self):
        assert mark_for(SINGLE, Answer(chosen=frozenset({12}))) == 0

    def test_no_choice_earns_nothing(self):
        assert mark_for(SINGLE, Answer()) == 0

    def test_two_choices_never_count_even_if_one_is_right(self):
        assert mark_for(SINGLE, Answer(chosen=frozenset({11, 12}))) == 0

    def test_true_false(self):
        assert mark_for(TRUE_FALSE, Answer(chosen=frozenset({8}))) == 1
        assert mark_for(TRUE_FALSE, Answer(chosen=frozenset({7}))) == 0


class TestMultipleResponse:
    @pytest.mark.parametrize(
        ("chosen", "expected"),
        [
            ({1, 2, 3}, Decimal("3")),  # every right choice
            ({1, 2}, Decimal("2")),  # two of three right: 2/3 of 3 marks
            ({1, 2, 4}, Decimal("1")),  # two right, one wrong: (2 - 1)/3
            ({1, 2, 3, 4, 5}, Decimal("1")),  # everything ticked: (3 - 2)/3
            ({4}, Decimal("0")),  # never below zero
            (set(), Decimal("0")),
        ],
    )
    def test_partial_credit_per_choice(self, chosen, expected):
        assert mark_for(MULTIPLE, Answer(chosen=frozenset(chosen))) == expected

    def test_a_third_is_rounded_to_four_places(self):
        one_mark = question(QuestionKind.MULTIPLE_RESPONSE, "1", MULTIPLE_CHOICES)
        assert mark_for(one_mark, Answer(chosen=frozenset({1}))) == Decimal("0.3333")


class TestShortAnswer:
    @pytest.mark.parametrize(
        "given", ["Crime as a Service", "  crime   AS a service ", "caas", "CAAS"]
    )
    def test_case_and_spaces_do_not_matter(self, given):
        assert fraction(SHORT, Answer(text=given)) == 1

    @pytest.mark.parametrize("given", ["Crime as Service", "", "crime-as-a-service"])
    def test_other_words_earn_nothing(self, given):
        assert fraction(SHORT, Answer(text=given)) == 0


class TestNumeric:
    @pytest.mark.parametrize("given", ["2000", "2000.5", "1999,5", " 2 000 ", "+2000"])
    def test_within_tolerance(self, given):
        assert fraction(NUMBER, Answer(text=given)) == 1

    @pytest.mark.parametrize("given", ["2001", "1999.4", "two thousand", "", "2e3"])
    def test_outside_tolerance_or_not_a_number(self, given):
        assert fraction(NUMBER, Answer(text=given)) == 0

    def test_exact_answer_when_no_tolerance(self):
        exact = question(QuestionKind.NUMERIC, numeric_answer=Decimal("12.5"))
        assert fraction(exact, Answer(text="12.5")) == 1
        assert fraction(exact, Answer(text="12.51")) == 0

    def test_parse_number(self):
        assert parse_number("3,75") == Decimal("3.75")
        assert parse_number(".5") == Decimal("0.5")
        assert parse_number("NaN") is None
        assert parse_number("1.2.3") is None


class TestOrdering:
    def test_the_right_order_earns_everything(self):
        answer = Answer(positions={21: 1, 22: 2, 23: 3, 24: 4})
        assert mark_for(ORDER, answer) == 4

    def test_each_item_in_its_place_earns_its_share(self):
        answer = Answer(positions={21: 1, 22: 2, 23: 4, 24: 3})
        assert mark_for(ORDER, answer) == 2

    def test_reversed_earns_nothing(self):
        answer = Answer(positions={21: 4, 22: 3, 23: 2, 24: 1})
        assert mark_for(ORDER, answer) == 0


class TestMatching:
    def test_all_matched(self):
        answer = Answer(matches={31: 31, 32: 32, 33: 33})
        assert mark_for(MATCH, answer) == 3

    def test_a_shared_answer_counts_for_either_prompt(self):
        # Bitcoin and Ethereum share "Public ledger": picking either option is right.
        answer = Answer(matches={31: 31, 32: 33, 33: 32})
        assert mark_for(MATCH, answer) == 3

    def test_partly_matched(self):
        answer = Answer(matches={31: 32, 32: 32})
        assert mark_for(MATCH, answer) == 1

    def test_nothing_matched(self):
        assert mark_for(MATCH, Answer(matches={31: 32})) == 0


class TestEssay:
    def test_an_essay_waits_for_a_marker(self):
        assert mark_for(ESSAY, Answer(text="Preserve the data first.")) is None

    def test_a_blank_essay_earns_nothing_without_a_marker(self):
        assert mark_for(ESSAY, Answer(text="   ")) == 0


def test_correctness_labels():
    assert correctness(Decimal(2), Decimal(2)) == "correct"
    assert correctness(Decimal("0.5"), Decimal(2)) == "partial"
    assert correctness(Decimal(0), Decimal(2)) == "incorrect"
    assert correctness(None, Decimal(2)) == "pending"


def test_percent_is_rounded_down_so_a_pass_is_never_rounded_up():
    assert percent_of(Decimal("6.9999"), Decimal(10)) == Decimal("69.99")
    assert percent_of(Decimal(7), Decimal(10)) == Decimal("70.00")
    assert percent_of(Decimal(0), Decimal(0)) == 0


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (GradingMethod.HIGHEST, Decimal("80")),
        (GradingMethod.AVERAGE, Decimal("60.00")),
        (GradingMethod.FIRST, Decimal("40")),
        (GradingMethod.LAST, Decimal("60")),
    ],
)
def test_grading_methods(method, expected):
    assert grade_of(method, [Decimal("40"), Decimal("80"), Decimal("60")]) == expected


def test_no_graded_attempt_no_grade():
    assert grade_of(GradingMethod.HIGHEST, []) is None
