"""The rules a quiz is set with: grading across attempts, time running out, what a review shows."""

from dataclasses import dataclass, fields
from datetime import timedelta

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("Highest attempt")
    AVERAGE = "average", _("Average of attempts")
    FIRST = "first", _("First attempt")
    LAST = "last", _("Last attempt")


class ExpiryPolicy(models.TextChoices):
    AUTOSUBMIT = "autosubmit", _("Submit what was saved when time runs out")
    GRACE = "grace", _("Allow a grace period to submit (answers can no longer change)")


class ReviewMoment(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately after the attempt")
    OPEN = "open", _("Later, while the quiz is still open")
    CLOSED = "closed", _("After the quiz closes")


# Moodle's "immediately after the attempt" lasts two minutes after submission.
IMMEDIATE_REVIEW_WINDOW = timedelta(minutes=2)


@dataclass(frozen=True)
class ReviewOptions:
    """What a learner may see when reviewing a submitted attempt."""

    answers: bool = False
    correctness: bool = False
    marks: bool = False
    feedback: bool = False
    explanation: bool = False
    right_answer: bool = False

    @classmethod
    def everything(cls):
        return cls(**{f.name: True for f in fields(cls)})

    @property
    def shows_questions(self):
        return any(getattr(self, f.name) for f in fields(self))


REVIEW_ITEM_LABELS = {
    "answers": _("the learner's answers"),
    "correctness": _("whether each answer was correct"),
    "marks": _("the marks"),
    "feedback": _("per-answer feedback"),
    "explanation": _("the explanation and source"),
    "right_answer": _("the right answer"),
}


def review_flag(moment, item, default):
    moment_label = dict(ReviewMoment.choices)[moment]
    return models.BooleanField(
        format_lazy("{}: {}", moment_label, REVIEW_ITEM_LABELS[item]),
        default=default,
    )
