"""Kinds answered by picking choices: single choice, multiple response, true or false."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.seed_specs import SeedError, check_keys, require
from quizzes import seed_values
from quizzes.content import Answer
from quizzes.kinds.base import ONE, ZERO, AnswerError, QuestionKindBase, register, verdict
from quizzes.kinds.names import QuestionKind

CHOICE_FIELDS = {"text", "correct", "feedback"}


class ChoiceKind(QuestionKindBase):
    """A learner picks one choice (radio buttons) or, with `multiple`, several (checkboxes)."""

    multiple = False
    help_text = ""

    def fields(self, item, context, raw_text=None):
        context["multiple"] = self.multiple
        context["help_text"] = self.help_text
        context["options"] = [
            {
                "id": f"{item.name}-{index}",
                "value": item.token(choice.key),
                "label": self.choice_label(item, choice),
                "checked": choice.key in item.answer.chosen,
            }
            for index, choice in enumerate(item.shown_choices, start=1)
        ]

    def parse(self, item, data, owners):
        values = data.getlist(item.name)
        if not self.multiple and len(values) > 1:
            raise AnswerError(_("Choose only one answer."))
        return Answer(chosen=frozenset(_key_for(item, value, owners) for value in values))

    def answer_from_rows(self, text, selections):
        return Answer(chosen=frozenset(s.choice_id for s in selections))

    def selection_rows(self, answer):
        return [(key, None, None) for key in sorted(answer.chosen)]

    def fraction(self, question, answer):
        if len(answer.chosen) != 1:
            return ZERO
        (key,) = answer.chosen
        choice = question.choices_by_key.get(key)
        return ONE if choice is not None and choice.is_correct else ZERO

    def review(self, item, options, review):
        question, answer = item.question, item.answer
        for choice in item.shown_choices:
            chosen = choice.key in answer.chosen
            review["choices"].append(
                {
                    "label": self.choice_label(item, choice),
                    "chosen": chosen and options.answers,
                    "verdict": verdict(choice.is_correct, options)
                    if chosen and options.answers
                    else None,
                }
            )
            if chosen and options.feedback and choice.feedback:
                review["feedback"].append(choice.feedback)
        if options.right_answer:
            review["right_answer"] = [
                self.choice_label(item, choice) for choice in question.choices if choice.is_correct
            ]


class ListedChoiceKind(ChoiceKind):
    """Choices the trainer writes out, each right or wrong, with its feedback."""

    uses_choices = True
    shuffles_choices = True
    seed_fields = frozenset({"choices"})

    def canonical_choices(self, question):
        return [
            [choice.text, bool(choice.is_correct), choice.feedback, ""]
            for choice in question.choices.all()
        ]

    def read_seed(self, spec, fields, choices, where):
        for item in seed_values.non_empty_list(spec, "choices", where=where):
            if not isinstance(item, dict):
                raise SeedError(
                    f"{where}: each choice is a mapping (text, correct, feedback)", spec
                )
            check_keys(item, CHOICE_FIELDS, where=f"{where}, choice")
            choices.append(
                {
                    "text": require(item, "text", where=f"{where}, choice").strip(),
                    "is_correct": seed_values.flag(
                        item, "correct", False, where=f"{where}, choice"
                    ),
                    "feedback": seed_values.text(item, "feedback", where=f"{where}, choice"),
                    "match_text": "",
                }
            )


@register
class SingleChoice(ListedChoiceKind):
    """The right choice earns everything, anything else nothing."""

    name = QuestionKind.SINGLE_CHOICE
    label = gettext_lazy("Single choice")

    def more_choice_errors(self, rows):
        if sum(1 for _text, is_correct, _match in rows if is_correct) != 1:
            return [_("Mark exactly one choice as correct.")]
        return []


@register
class MultipleResponse(ListedChoiceKind):
    """Each right choice picked earns 1/C, each wrong one takes 1/C back, never below zero
    (C = the number of right choices)."""

    name = QuestionKind.MULTIPLE_RESPONSE
    label = gettext_lazy("Multiple response")
    multiple = True
    help_text = gettext_lazy("Select all that apply.")

    def fraction(self, question, answer):
        correct = {choice.key for choice in question.choices if choice.is_correct}
        if not correct:
            return ZERO
        hits = len(answer.chosen & correct)
        misses = len(answer.chosen - correct)
        return max(ZERO, Decimal(hits - misses) / Decimal(len(correct)))

    def more_choice_errors(self, rows):
        if not any(is_correct for _text, is_correct, _match in rows):
            return [_("Mark at least one choice as correct.")]
        return []


@register
class TrueFalse(ChoiceKind):
    """A statement, true or false: two choices, "True" first, in the learner's language."""

    name = QuestionKind.TRUE_FALSE
    label = gettext_lazy("True or false")
    seed_fields = frozenset({"answer", "feedback_true", "feedback_false"})

    def canonical_choices(self, question):
        return [
            ["True", question.true_false_answer == "true", question.feedback_true, ""],
            ["False", question.true_false_answer == "false", question.feedback_false, ""],
        ]

    def choice_label(self, item, choice):
        return _("True") if choice.position == 1 else _("False")

    def field_errors(self, question):
        if question.true_false_answer not in ("true", "false"):
            return {"true_false_answer": _("Say whether the statement is true or false.")}
        return {}

    def read_seed(self, spec, fields, choices, where):
        answer = seed_values.flag(spec, "answer", None, where=where)  # required: None is no flag
        fields["true_false_answer"] = "true" if answer else "false"
        fields["feedback_true"] = seed_values.text(spec, "feedback_true", where=where)
        fields["feedback_false"] = seed_values.text(spec, "feedback_false", where=where)


def _key_for(item, token, owners):
    key = item.keys_by_token.get(token)
    if key is not None:
        return key
    if token in owners:
        raise AnswerError(_("That answer belongs to another question."))
    raise AnswerError(_("That answer is not one of this question's choices."))
