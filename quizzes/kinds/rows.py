"""Kinds answered row by row with a list: ordering and matching.

Rows are named by tokens of their own (`PaperItem.row_name`), from another namespace than
the tokens of the answers a row offers, so a row's name shares nothing with its right answer.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.seed_specs import SeedError, check_keys, require
from quizzes import seed_values
from quizzes.content import Answer
from quizzes.kinds.base import ZERO, AnswerError, QuestionKindBase, register, single_value, verdict
from quizzes.kinds.names import QuestionKind

PAIR_FIELDS = {"prompt", "match"}


def row_value(item, data, key):
    """The value posted for one row.

    A page drawn before rows had names of their own still names them the old way; its
    answers are read under that name, so a learner whose page was open across the change
    loses nothing (the old names are in no page drawn since, so they tell nobody anything).
    """
    name = item.row_name(key)
    if name not in data and item.legacy_row_name(key) in data:
        name = item.legacy_row_name(key)
    return single_value(data, name).strip()


class RowKind(QuestionKindBase):
    uses_choices = True
    empty_option = ""
    help_text = ""
    row_heading = ""
    given_heading = ""

    def fields(self, item, context, raw_text=None):
        context["help_text"] = self.help_text
        context["empty_option"] = self.empty_option
        context["rows"] = [
            {
                "id": f"{item.name}-{index}",
                "name": item.row_name(choice.key),
                "label": choice.text,
                "choices": self.row_options(item, choice),
            }
            for index, choice in enumerate(item.shown_choices, start=1)
        ]

    def row_options(self, item, choice):
        raise NotImplementedError

    def review(self, item, options, review):
        review["row_heading"] = self.row_heading
        review["given_heading"] = self.given_heading
        for choice in item.shown_choices:
            given, is_right = self.given(item, choice)
            review["rows"].append(
                {
                    "label": choice.text,
                    "given": given if options.answers else None,
                    "verdict": verdict(is_right, options) if options.answers and given else None,
                }
            )


@register
class Ordering(RowKind):
    """The share of items in their right place."""

    name = QuestionKind.ORDERING
    label = gettext_lazy("Ordering")
    seed_fields = frozenset({"items"})
    statistics_measure = "placed_right"
    help_text = gettext_lazy("Give each item its place in the order, 1 first.")
    empty_option = gettext_lazy("Position…")
    row_heading = gettext_lazy("Item")
    given_heading = gettext_lazy("Your position")

    def canonical_choices(self, question):
        return [[choice.text, False, "", ""] for choice in question.choices.all()]

    def display_order(self, keys, *, shuffle_choices, rng):
        # Items in their authoring order would give the answer away: always shuffle. The
        # shuffle is uniform, so even the rare paper that shows the right order tells nothing.
        keys = keys[:]
        rng.shuffle(keys)
        return keys

    def row_options(self, item, choice):
        given = item.answer.positions.get(choice.key)
        count = len(item.display_keys)
        return [
            {"value": str(n), "label": str(n), "selected": given == n} for n in range(1, count + 1)
        ]

    def parse(self, item, data, owners):
        count = len(item.display_keys)
        positions = {}
        for choice in item.shown_choices:
            value = row_value(item, data, choice.key)
            if not value:
                continue
            if not value.isdigit() or not 1 <= int(value) <= count:
                raise AnswerError(_("Choose a position from the list."))
            positions[choice.key] = int(value)
        if len(set(positions.values())) != len(positions):
            raise AnswerError(_("Give each position to one item only."))
        return Answer(positions=positions)

    def answer_from_rows(self, text, selections):
        return Answer(positions={s.choice_id: s.position for s in selections})

    def selection_rows(self, answer):
        return [(key, position, None) for key, position in sorted(answer.positions.items())]

    def fraction(self, question, answer):
        if not question.choices:
            return ZERO
        right = sum(
            1 for choice in question.choices if answer.positions.get(choice.key) == choice.position
        )
        return Decimal(right) / Decimal(len(question.choices))

    def given(self, item, choice):
        position = item.answer.positions.get(choice.key)
        return position, position == choice.position

    def review(self, item, options, review):
        super().review(item, options, review)
        review["right_answer_in_order"] = True
        if options.right_answer:
            review["right_answer"] = [choice.text for choice in item.question.choices]

    def read_seed(self, spec, fields, choices, where):
        for text in seed_values.non_empty_list(spec, "items", where=where):
            if not isinstance(text, str):
                raise SeedError(f"{where}: 'items' must be a list of texts", spec)
            choices.append(
                {"text": text.strip(), "is_correct": False, "feedback": "", "match_text": ""}
            )


@register
class Matching(RowKind):
    """The share of prompts given their right match; equal answer texts are one option."""

    name = QuestionKind.MATCHING
    label = gettext_lazy("Matching")
    seed_fields = frozenset({"pairs"})
    shuffles_choices = True
    statistics_measure = "matched_right"
    help_text = gettext_lazy("Choose the matching answer for each item.")
    empty_option = gettext_lazy("Choose…")
    row_heading = gettext_lazy("Prompt")
    given_heading = gettext_lazy("Your match")

    def canonical_choices(self, question):
        return [[choice.text, False, "", choice.match_text] for choice in question.choices.all()]

    def row_options(self, item, choice):
        picked = item.question.choices_by_key.get(item.answer.matches.get(choice.key))
        return [
            {
                "value": token,
                "label": text,
                "selected": picked is not None and picked.match_text == text,
            }
            for token, text in item.match_options
        ]

    def parse(self, item, data, owners):
        # Old pages offered the first choice's token of each answer text (see `row_value`).
        legacy_options = {item.token(key): key for key in item.keys_by_match_token.values()}
        matches = {}
        for choice in item.shown_choices:
            value = row_value(item, data, choice.key)
            if not value:
                continue
            key = item.keys_by_match_token.get(value) or legacy_options.get(value)
            if key is None:
                if value in item.keys_by_token or value not in owners:
                    raise AnswerError(_("Choose an answer from the list."))
                raise AnswerError(_("That answer belongs to another question."))
            matches[choice.key] = key
        return Answer(matches=matches)

    def answer_from_rows(self, text, selections):
        return Answer(matches={s.choice_id: s.matched_id for s in selections})

    def selection_rows(self, answer):
        return [(key, None, matched) for key, matched in sorted(answer.matches.items())]

    def fraction(self, question, answer):
        if not question.choices:
            return ZERO
        by_key = question.choices_by_key
        right = 0
        for prompt in question.choices:
            picked = by_key.get(answer.matches.get(prompt.key))
            if picked is not None and picked.match_text == prompt.match_text:
                right += 1
        return Decimal(right) / Decimal(len(question.choices))

    def given(self, item, choice):
        picked = item.question.choices_by_key.get(item.answer.matches.get(choice.key))
        if picked is None:
            return None, False
        return picked.match_text, picked.match_text == choice.match_text

    def review(self, item, options, review):
        super().review(item, options, review)
        if options.right_answer:
            review["right_answer"] = [
                f"{choice.text} → {choice.match_text}" for choice in item.question.choices
            ]

    def more_choice_errors(self, rows):
        if any(not match.strip() for _text, _correct, match in rows):
            return [_("Give every matching prompt its matching answer.")]
        return []

    def read_seed(self, spec, fields, choices, where):
        for pair in seed_values.non_empty_list(spec, "pairs", where=where):
            if not isinstance(pair, dict):
                raise SeedError(f"{where}: each pair is a mapping (prompt, match)", spec)
            check_keys(pair, PAIR_FIELDS, where=f"{where}, pair")
            choices.append(
                {
                    "text": require(pair, "prompt", where=f"{where}, pair").strip(),
                    "is_correct": False,
                    "feedback": "",
                    "match_text": str(
                        require(pair, "match", (str, int, float), where=f"{where}, pair")
                    ).strip(),
                }
            )
