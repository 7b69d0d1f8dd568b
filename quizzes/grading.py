"""Grading: pure functions from a question's content and an answer to a mark.

Every fraction is between 0 and 1; a mark is the fraction times the question's weight.
`None` means a person has to mark the answer (an essay that is not blank).

- single choice, true/false: the correct choice earns everything, anything else nothing;
- multiple response: each correct choice picked earns 1/C, each wrong one picked takes
  1/C back (C = number of correct choices), never below zero;
- short answer: any accepted answer, ignoring case and extra spaces;
- numeric: within the tolerance of the answer;
- ordering: the share of items in their right place;
- matching: the share of prompts given their right match.
"""

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from quizzes.models import QuestionKind

MARK_STEP = Decimal("0.0001")
PERCENT_STEP = Decimal("0.01")
ONE = Decimal(1)
ZERO = Decimal(0)

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def normalise_text(text):
    return " ".join(text.split()).casefold()


def parse_number(text):
    """A learner's number ("12", "-0.5", "3,75"), or None if it is not one."""
    compact = "".join(text.split())
    if not _NUMBER.match(compact):
        return None
    try:
        return Decimal(compact.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None


def fraction(question, answer):
    """The share of the marks `answer` earns (a Decimal from 0 to 1), or None if to be marked."""
    kind = question.kind
    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.TRUE_FALSE):
        if len(answer.chosen) != 1:
            return ZERO
        (key,) = answer.chosen
        choice = question.choices_by_key.get(key)
        return ONE if choice is not None and choice.is_correct else ZERO
    if kind == QuestionKind.MULTIPLE_RESPONSE:
        correct = {choice.key for choice in question.choices if choice.is_correct}
        if not correct:
            return ZERO
        hits = len(answer.chosen & correct)
        misses = len(answer.chosen - correct)
        return max(ZERO, Decimal(hits - misses) / Decimal(len(correct)))
    if kind == QuestionKind.SHORT_ANSWER:
        given = normalise_text(answer.text)
        accepted = {normalise_text(text) for text in question.accepted_answers}
        return ONE if given and given in accepted else ZERO
    if kind == QuestionKind.NUMERIC:
        number = parse_number(answer.text)
        if number is None or question.numeric_answer is None:
            return ZERO
        return ONE if abs(number - question.numeric_answer) <= question.tolerance else ZERO
    if kind == QuestionKind.ORDERING:
        if not question.choices:
            return ZERO
        right = sum(
            1 for choice in question.choices if answer.positions.get(choice.key) == choice.position
        )
        return Decimal(right) / Decimal(len(question.choices))
    if kind == QuestionKind.MATCHING:
        if not question.choices:
            return ZERO
        by_key = question.choices_by_key
        right = 0
        for prompt in question.choices:
            picked = by_key.get(answer.matches.get(prompt.key))
            if picked is not None and picked.match_text == prompt.match_text:
                right += 1
        return Decimal(right) / Decimal(len(question.choices))
    if kind == QuestionKind.ESSAY:
        return ZERO if answer.is_blank else None
    raise ValueError(f"unknown question kind {kind!r}")


def mark_for(question, answer):
    share = fraction(question, answer)
    if share is None:
        return None
    return (share * question.weight).quantize(MARK_STEP, rounding=ROUND_HALF_UP)


def percent_of(score, max_score):
    """Score as a percentage, rounded down so that a pass mark of 70 needs a full 70 %."""
    if not max_score:
        return ZERO
    return (Decimal(score) * 100 / Decimal(max_score)).quantize(PERCENT_STEP, rounding=ROUND_DOWN)


def correctness(mark, max_mark):
    """'correct', 'partial', 'incorrect' or 'pending' (awaiting a marker)."""
    if mark is None:
        return "pending"
    if max_mark and mark >= max_mark:
        return "correct"
    if mark > 0:
        return "partial"
    return "incorrect"
