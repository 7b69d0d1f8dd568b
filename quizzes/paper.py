"""A quiz paper: the questions of one attempt (or of a preview) in the order shown.

Choices are never named by their database ids in a learner's page: ids follow the order a
trainer typed the choices in, which often puts the right one first. Each choice is named by
an opaque token derived from the attempt's slot and the server's secret instead, so the
page carries nothing that tells a right choice from a wrong one, and a choice of another
question is recognised for what it is.

Rows of ordering and matching questions are named by tokens of their own, from another
namespace than the tokens of the answers a row offers: a row's name shares nothing with
its right answer. (Until this was so, a matching row was named by its right option's
token, and copying the name into the value scored full marks.)
"""

import random
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from quizzes.content import Answer, data_from_version
from quizzes.models import QuestionKind

TOKEN_LENGTH = 20
TEXT_KINDS = {QuestionKind.SHORT_ANSWER, QuestionKind.NUMERIC, QuestionKind.ESSAY}
CHOICE_KINDS = {
    QuestionKind.SINGLE_CHOICE,
    QuestionKind.MULTIPLE_RESPONSE,
    QuestionKind.TRUE_FALSE,
}
MAX_TEXT_LENGTH = {
    QuestionKind.SHORT_ANSWER: 200,
    QuestionKind.NUMERIC: 40,
    QuestionKind.ESSAY: 20_000,
}


def _token(namespace, salt, value):
    return salted_hmac(f"quizzes.paper.{namespace}", f"{salt}:{value}").hexdigest()[:TOKEN_LENGTH]


def choice_token(salt, key):
    """The value of a choice (single choice, multiple response, true/false)."""
    return _token("choice", salt, key)


def row_token(salt, key):
    """The name of an ordering or matching row."""
    return _token("row", salt, key)


def match_token(salt, text):
    """The value of a matching option: one per distinct answer text."""
    return _token("match", salt, text)


@dataclass
class PaperItem:
    """One question as a learner sees it, with their answer so far."""

    position: int  # shown as "Question n"
    slot: int  # place in the quiz's layout
    question: object  # QuestionData
    display_keys: tuple  # choice keys in the order shown
    salt: str
    answer: Answer = field(default_factory=Answer)
    response: object = None  # the Response row, for real attempts
    mark: Decimal | None = None
    marker_comment: str = ""

    @property
    def name(self):
        return f"q{self.position}"

    def token(self, key):
        return choice_token(self.salt, key)

    def row_name(self, key):
        return f"{self.name}-{row_token(self.salt, key)}"

    def legacy_row_name(self, key):
        """How rows were named before they had tokens of their own (see `forms`)."""
        return f"{self.name}-{self.token(key)}"

    @cached_property
    def keys_by_token(self):
        return {self.token(choice.key): choice.key for choice in self.question.choices}

    @property
    def shown_choices(self):
        by_key = self.question.choices_by_key
        return [by_key[key] for key in self.display_keys if key in by_key]

    @cached_property
    def keys_by_match_token(self):
        """Matching: option token → the key of the first choice whose answer it is."""
        keys = {}
        for choice in self.question.choices:
            keys.setdefault(match_token(self.salt, choice.match_text), choice.key)
        return keys

    @cached_property
    def match_options(self):
        """Matching: each distinct answer once, alphabetically, named by a token."""
        by_key = self.question.choices_by_key
        return sorted(
            ((token, by_key[key].match_text) for token, key in self.keys_by_match_token.items()),
            key=lambda option: option[1].casefold(),
        )

    @property
    def max_mark(self):
        return self.question.weight


def display_order(question, *, shuffle_choices, rng):
    """The order in which a question's choices, items or prompts are shown."""
    keys = [choice.key for choice in question.choices]
    if question.kind == QuestionKind.ORDERING:
        # Items in their authoring order would give the answer away: always shuffle. The
        # shuffle is uniform, so even the rare paper that shows the right order tells nothing.
        rng.shuffle(keys)
        return keys
    if shuffle_choices and question.kind in (
        QuestionKind.SINGLE_CHOICE,
        QuestionKind.MULTIPLE_RESPONSE,
        QuestionKind.MATCHING,
    ):
        shuffled = keys[:]
        rng.shuffle(shuffled)
        return shuffled
    return keys


def new_rng():
    return random.SystemRandom()


def answer_from_rows(kind, text, selections):
    if kind in CHOICE_KINDS:
        return Answer(chosen=frozenset(s.choice_id for s in selections))
    if kind == QuestionKind.ORDERING:
        return Answer(positions={s.choice_id: s.position for s in selections})
    if kind == QuestionKind.MATCHING:
        return Answer(matches={s.choice_id: s.matched_id for s in selections})
    return Answer(text=text)


def selection_rows(kind, answer):
    """The ResponseChoice fields that store `answer`: (choice id, position, matched id)."""
    if kind in CHOICE_KINDS:
        return [(key, None, None) for key in sorted(answer.chosen)]
    if kind == QuestionKind.ORDERING:
        return [(key, position, None) for key, position in sorted(answer.positions.items())]
    if kind == QuestionKind.MATCHING:
        return [(key, None, matched) for key, matched in sorted(answer.matches.items())]
    return []


def load_paper(attempt):
    """The attempt's questions with the answers saved so far: three queries, any length."""
    responses = (
        attempt.responses.select_related("version")
        .prefetch_related("version__choices", "selections")
        .order_by("position")
    )
    items = []
    for response in responses:
        question = data_from_version(response.version)
        items.append(
            PaperItem(
                position=response.position,
                slot=response.slot,
                question=question,
                display_keys=tuple(response.display_order),
                salt=f"{attempt.pk}.{response.pk}",
                answer=answer_from_rows(question.kind, response.text, response.selections.all()),
                response=response,
                mark=response.mark,
                marker_comment=response.marker_comment,
            )
        )
    return items


def true_false_label(choice):
    return _("True") if choice.position == 1 else _("False")


def choice_label(item, choice):
    if item.question.kind == QuestionKind.TRUE_FALSE:
        return true_false_label(choice)
    return choice.text


def question_fields(item, error="", raw_text=None, *, disabled=False):
    """What the template needs to draw one question's controls, with the saved answer."""
    kind = item.question.kind
    context = {
        "item": item,
        "name": item.name,
        "kind": kind,
        "error": error,
        "error_id": f"{item.name}-error" if error else "",
        "disabled": disabled,
        "options": [],
        "rows": [],
        "text": None,
        "multiple": kind == QuestionKind.MULTIPLE_RESPONSE,
    }
    if kind in CHOICE_KINDS:
        context["options"] = [
            {
                "id": f"{item.name}-{index}",
                "value": item.token(choice.key),
                "label": choice_label(item, choice),
                "checked": choice.key in item.answer.chosen,
            }
            for index, choice in enumerate(item.shown_choices, start=1)
        ]
    elif kind == QuestionKind.ORDERING:
        count = len(item.display_keys)
        for index, choice in enumerate(item.shown_choices, start=1):
            given = item.answer.positions.get(choice.key)
            context["rows"].append(
                {
                    "id": f"{item.name}-{index}",
                    "name": item.row_name(choice.key),
                    "label": choice.text,
                    "choices": [
                        {"value": str(n), "label": str(n), "selected": given == n}
                        for n in range(1, count + 1)
                    ],
                }
            )
    elif kind == QuestionKind.MATCHING:
        by_key = item.question.choices_by_key
        for index, choice in enumerate(item.shown_choices, start=1):
            picked = by_key.get(item.answer.matches.get(choice.key))
            context["rows"].append(
                {
                    "id": f"{item.name}-{index}",
                    "name": item.row_name(choice.key),
                    "label": choice.text,
                    "choices": [
                        {
                            "value": token,
                            "label": text,
                            "selected": picked is not None and picked.match_text == text,
                        }
                        for token, text in item.match_options
                    ],
                }
            )
    else:
        context["text"] = {
            "id": f"{item.name}-answer",
            "name": item.name,
            "value": item.answer.text if raw_text is None else raw_text,
            "maxlength": MAX_TEXT_LENGTH[kind],
            "multiline": kind == QuestionKind.ESSAY,
            "numeric": kind == QuestionKind.NUMERIC,
        }
    return context
