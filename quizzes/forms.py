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

from quizzes.content import Answer
from quizzes.grading import parse_number
from quizzes.models import QuestionKind
from quizzes.paper import CHOICE_KINDS, MAX_TEXT_LENGTH, TEXT_KINDS


class AnswerError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class ParsedAnswers:
    answers: dict = field(default_factory=dict)  # position → Answer
    errors: dict = field(default_factory=dict)  # position → message
    raw_texts: dict = field(default_factory=dict)  # position → refused text, to show it again


def parse_answers(items, data):
    """Read the answers to `items` (PaperItems) from `data` (a QueryDict)."""
    owners = {
        token: item.position
        for item in items
        for token in (*item.keys_by_token, *item.keys_by_match_token)
    }
    parsed = ParsedAnswers()
    for item in items:
        try:
            parsed.answers[item.position] = _parse(item, data, owners)
        except AnswerError as error:
            parsed.errors[item.position] = error.message
            if item.question.kind in TEXT_KINDS:
                parsed.raw_texts[item.position] = data.get(item.name, "")[
                    : MAX_TEXT_LENGTH[item.question.kind] * 2
                ]
    return parsed


def _key_for(item, token, owners):
    key = item.keys_by_token.get(token)
    if key is not None:
        return key
    if token in owners:
        raise AnswerError(_("That answer belongs to another question."))
    raise AnswerError(_("That answer is not one of this question's choices."))


def _single_value(data, name):
    values = data.getlist(name)
    if len(values) > 1:
        raise AnswerError(_("Send one answer only."))
    return values[0] if values else ""


def _parse(item, data, owners):
    kind = item.question.kind
    if kind in CHOICE_KINDS:
        values = data.getlist(item.name)
        if kind != QuestionKind.MULTIPLE_RESPONSE and len(values) > 1:
            raise AnswerError(_("Choose only one answer."))
        return Answer(chosen=frozenset(_key_for(item, value, owners) for value in values))
    if kind in TEXT_KINDS:
        text = _single_value(data, item.name).strip()
        if "\x00" in text:
            raise AnswerError(_("Remove the invisible control characters from your answer."))
        limit = MAX_TEXT_LENGTH[kind]
        if len(text) > limit:
            raise AnswerError(
                _("Keep your answer under %(limit)s characters (it has %(length)s).")
                % {"limit": limit, "length": len(text)}
            )
        if kind == QuestionKind.NUMERIC and text and parse_number(text) is None:
            raise AnswerError(_("Enter a number, for example 12 or 0.5."))
        return Answer(text=text)
    if kind == QuestionKind.ORDERING:
        return _parse_ordering(item, data)
    if kind == QuestionKind.MATCHING:
        return _parse_matching(item, data, owners)
    raise AnswerError(_("This question cannot be answered."))


def _row_value(item, data, key):
    """The value posted for one row of an ordering or matching question.

    A page drawn before rows had names of their own still names them the old way; its
    answers are read under that name, so a learner whose page was open across the change
    loses nothing (the old names are in no page drawn since, so they tell nobody anything).
    """
    name = item.row_name(key)
    if name not in data and item.legacy_row_name(key) in data:
        name = item.legacy_row_name(key)
    return _single_value(data, name).strip()


def _parse_ordering(item, data):
    count = len(item.display_keys)
    positions = {}
    for choice in item.shown_choices:
        value = _row_value(item, data, choice.key)
        if not value:
            continue
        if not value.isdigit() or not 1 <= int(value) <= count:
            raise AnswerError(_("Choose a position from the list."))
        positions[choice.key] = int(value)
    if len(set(positions.values())) != len(positions):
        raise AnswerError(_("Give each position to one item only."))
    return Answer(positions=positions)


def _parse_matching(item, data, owners):
    # Old pages offered the first choice's token of each answer text (see `_row_value`).
    legacy_options = {item.token(key): key for key in item.keys_by_match_token.values()}
    matches = {}
    for choice in item.shown_choices:
        value = _row_value(item, data, choice.key)
        if not value:
            continue
        key = item.keys_by_match_token.get(value) or legacy_options.get(value)
        if key is None:
            if value in item.keys_by_token or value not in owners:
                raise AnswerError(_("Choose an answer from the list."))
            raise AnswerError(_("That answer belongs to another question."))
        matches[choice.key] = key
    return Answer(matches=matches)


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
