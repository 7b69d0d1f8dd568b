"""Grading: from a question's content and an answer to a mark.

Every fraction is between 0 and 1; a mark is the fraction times the question's weight.
`None` means a person has to mark the answer (an essay that is not blank). How each kind
earns its fraction is said by the kind (see `quizzes.kinds`).
"""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from quizzes import kinds

MARK_STEP = Decimal("0.0001")
PERCENT_STEP = Decimal("0.01")
ZERO = Decimal(0)


def fraction(question, answer):
    """The share of the marks `answer` earns (a Decimal from 0 to 1), or None if to be marked."""
    return kinds.get(question.kind).fraction(question, answer)


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


def score_of(marks):
    """(score so far, whether a mark is still to be given) of a paper's marks."""
    return sum((mark for mark in marks if mark is not None), ZERO), any(m is None for m in marks)
