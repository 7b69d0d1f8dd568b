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

from quizzes import kinds
from quizzes.content import Answer, data_from_version
from quizzes.drafts import decode

TOKEN_LENGTH = 20


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

    @property
    def kind(self):
        return kinds.get(self.question.kind)


def display_order(question, *, shuffle_choices, rng):
    """The order in which a question's choices, items or prompts are shown."""
    keys = [choice.key for choice in question.choices]
    return kinds.get(question.kind).display_order(keys, shuffle_choices=shuffle_choices, rng=rng)


def new_rng():
    return random.SystemRandom()


def load_paper(attempt, *, answers=True):
    """The attempt's questions with the answers saved so far: three queries, any length.

    The answers autosaved in the attempt's draft (`quizzes.drafts`) are laid over the ones
    in the response rows. Without `answers` (reading a posted form needs only the
    questions), the items' answers are blank and it takes two queries.
    """
    responses = attempt.responses.select_related("version").order_by("position")
    responses = responses.prefetch_related("version__choices", *(["selections"] if answers else []))
    draft = (attempt.draft or {}) if answers else {}
    items = []
    for response in responses:
        question = data_from_version(response.version)
        item = PaperItem(
            position=response.position,
            slot=response.slot,
            question=question,
            display_keys=tuple(response.display_order),
            salt=f"{attempt.pk}.{response.pk}",
            response=response,
            mark=response.mark,
            marker_comment=response.marker_comment,
        )
        if answers:
            entry = draft.get(str(response.position))
            item.answer = (
                decode(item, entry)
                if entry is not None
                else item.kind.answer_from_rows(response.text, response.selections.all())
            )
        items.append(item)
    return items


def question_fields(item, error="", raw_text=None, *, disabled=False):
    """What the template needs to draw one question's controls, with the saved answer.

    The fieldset around them is `quizzes/includes/question_fields.html`; the controls are
    the kind's own template (`template`).
    """
    kind = item.kind
    context = {
        "item": item,
        "name": item.name,
        "kind": kind.name,
        "template": kind.template,
        "error": error,
        "error_id": f"{item.name}-error" if error else "",
        "disabled": disabled,
        "help_text": "",
    }
    kind.fields(item, context, raw_text)
    return context
