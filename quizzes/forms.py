"""Reading a posted quiz form into answers, and the trainers' marking form.

Every way a posted answer can be wrong (an unknown choice, a choice of another question, two
values where one is expected, text that is too long, a number that is not one) gives the
question a message the learner can act on; the answer is then not stored.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quizzes.kinds import AnswerError
from quizzes.paper import load_paper


@dataclass
class ParsedAnswers:
    answers: dict = field(default_factory=dict)  # position → Answer
    errors: dict = field(default_factory=dict)  # position → message
    raw_texts: dict = field(default_factory=dict)  # position → refused text, to show it again


def parse_answers(items, data):
    """Read the answers to `items` (PaperItems) from `data` (a QueryDict); each kind reads
    its own (see `quizzes.kinds`)."""
    owners = {
        token: item.position
        for item in items
        for token in (*item.keys_by_token, *item.keys_by_match_token)
    }
    parsed = ParsedAnswers()
    for item in items:
        kind = item.kind
        try:
            parsed.answers[item.position] = kind.parse(item, data, owners)
        except AnswerError as error:
            parsed.errors[item.position] = error.message
            if kind.max_text_length:
                parsed.raw_texts[item.position] = data.get(item.name, "")[
                    : kind.max_text_length * 2
                ]
    return parsed


def read_attempt_form(attempt, data, *, saved_answers=True):
    """The attempt's paper and the answers posted for it: (items, ParsedAnswers).

    Without `saved_answers`, the items carry blank answers (one query less).
    """
    items = load_paper(attempt, answers=saved_answers)
    return items, parse_answers(items, data)


class MarkingForm(forms.Form):
    """A trainer's mark and comment for one essay answer, and why, when it changes a mark."""

    mark = forms.DecimalField(
        label=gettext_lazy("Mark"), max_digits=9, decimal_places=2, min_value=Decimal(0)
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment for the learner"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Kept on the record with the mark; not shown to the learner."),
    )

    def __init__(self, *args, max_mark, remark=False, **kwargs):
        super().__init__(*args, **kwargs)
        if remark:
            self.fields["reason"].required = True
            self.fields["reason"].label = _("Why do you change the mark?")
        self.fields["mark"].validators.append(MaxValueValidator(max_mark))
        self.fields["mark"].validators.append(MinValueValidator(0))
        self.fields["mark"].help_text = _("From 0 to %(max)s.") % {"max": max_mark}
        self.fields["mark"].widget.attrs.update({"max": str(max_mark), "min": "0", "step": "0.01"})
