"""What every kind of question has, and the registry that finds a kind by its name.

A kind of question (single choice, essay, ...) is one subclass of `QuestionKindBase`,
registered with `@register`. It says, in one place, what its content is, how a posted
answer is read, how it is graded, which fields the learner's page draws (with its template
`quizzes/kinds/<name>.html`), what the review shows, what the editor and the seed files
must give, and what the statistics count. Nothing outside `quizzes.kinds` asks which kind a
question is: it asks the kind.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from quizzes.content import Answer

ONE = Decimal(1)
ZERO = Decimal(0)
MIN_CHOICES = 2

_registry = {}


def register(kind_class):
    """Register a kind (a class decorator); a kind registered again replaces the first."""
    kind = kind_class()
    _registry[kind.name] = kind
    return kind_class


def unregister(name):
    _registry.pop(name, None)


def get(name):
    """The kind called `name`; ValueError for a name no kind has."""
    try:
        return _registry[name]
    except KeyError:
        raise ValueError(f"unknown question kind {name!r}") from None


def all():  # shadows the builtin inside this module only, as the registry's own word
    return list(_registry.values())


def names():
    return list(_registry)


def marked_by_person():
    """Names of the kinds whose answers a person marks (the essay marking queue's)."""
    return [kind.name for kind in _registry.values() if kind.marked_by_person]


def field_choices():
    """(name, label) of every kind: the `choices` of the models' `kind` fields."""
    return [(kind.name, kind.label) for kind in _registry.values()]


class AnswerError(Exception):
    """A posted answer that cannot be stored; `message` tells the learner what to change."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def single_value(data, name):
    values = data.getlist(name)
    if len(values) > 1:
        raise AnswerError(_("Send one answer only."))
    return values[0] if values else ""


def verdict(is_right, options):
    """Right or wrong, for the review, if the review options show correctness."""
    if not options.correctness:
        return None
    return {"right": is_right, "label": _("right") if is_right else _("wrong")}


class QuestionKindBase:
    name = ""
    label = ""
    # The content is a list of QuestionChoice rows (choices, items or pairs).
    uses_choices = False
    # Fields of a question entry in the seed files, besides the common ones.
    seed_fields = frozenset()
    # A person marks a non-blank answer (the essay marking queue lists these).
    marked_by_person = False
    # Whether the trainer's "shuffle choices" applies to this kind's choices.
    shuffles_choices = False
    # What the statistics count per choice: "picked", "placed_right" or "matched_right".
    statistics_measure = "picked"
    # For answers typed as text: the longest answer taken; a refused text is shown again.
    max_text_length = None

    @property
    def template(self):
        return f"quizzes/kinds/{self.name}.html"

    # Content.

    def canonical_choices(self, question):
        """The gradeable choices of a `Question`: [text, is_correct, feedback, match_text]."""
        return []

    def canonical_fields(self, question):
        """The gradeable fields of a `Question` beyond prompt, weight and explanation."""
        return {}

    # The paper.

    def display_order(self, keys, *, shuffle_choices, rng):
        """The order in which the choice keys are shown."""
        if shuffle_choices and self.shuffles_choices:
            keys = keys[:]
            rng.shuffle(keys)
        return keys

    def choice_label(self, item, choice):
        return choice.text

    def fields(self, item, context, raw_text=None):
        """Add to `context` what the kind's template draws for `item` (a PaperItem).

        `raw_text` is a typed answer that was refused, to show again.
        """

    # Reading and storing an answer.

    def parse(self, item, data, owners):
        """The `Answer` posted in `data` for `item`; AnswerError if it cannot be taken.

        `owners` maps every token on the page to the position of its question.
        """
        raise AnswerError(_("This question cannot be answered."))

    def answer_from_rows(self, text, selections):
        return Answer(text=text)

    def selection_rows(self, answer):
        """The ResponseChoice fields that store `answer`: (choice id, position, matched id)."""
        return []

    # Grading.

    def fraction(self, question, answer):
        """The share of the marks (0 to 1), or None if a person has to mark the answer."""
        raise NotImplementedError

    # Review.

    def review(self, item, options, review):
        """Fill the kind's part of a review dict (see `quizzes.review`)."""

    # Validation, shared by the page editor and the seed loader.

    def field_errors(self, question):
        """Problems with the question's own fields, as {field name: message}."""
        return {}

    def choice_errors(self, rows):
        """Problems with the choices, as messages; `rows` are (text, is_correct, match_text)."""
        if not self.uses_choices:
            if rows:
                return [_("This question type uses no choices, items or pairs: remove them.")]
            return []
        if len(rows) < MIN_CHOICES:
            return [_("Give at least two choices, items or pairs.")]
        if any(not text.strip() for text, _correct, _match in rows):
            return [_("Every choice needs a text.")]
        return self.more_choice_errors(rows)

    def more_choice_errors(self, rows):
        return []

    def read_seed(self, spec, fields, choices, where):
        """Copy the kind's part of a seed entry into `fields` and `choices` (SeedError)."""
