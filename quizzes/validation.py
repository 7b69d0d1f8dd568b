"""What makes a question complete, by type: shared by the page editor and the seed loader."""

from django.utils.translation import gettext as _

from quizzes.models.questions import KINDS_WITH_CHOICES, QuestionKind
from quizzes.rubrics import rubric_field_errors

MIN_CHOICES = 2


def question_field_errors(question):
    """Problems with the fields of `question` itself, as {field name: message}."""
    errors = {}
    kind = question.kind
    if kind == QuestionKind.TRUE_FALSE and question.true_false_answer not in ("true", "false"):
        errors["true_false_answer"] = _("Say whether the statement is true or false.")
    if kind == QuestionKind.SHORT_ANSWER and not question.accepted_answer_list:
        errors["accepted_answers"] = _("Give at least one accepted answer.")
    if kind == QuestionKind.NUMERIC and question.numeric_answer is None:
        errors["numeric_answer"] = _("Give the numeric answer.")
    errors.update(rubric_field_errors(question))
    return errors


def choice_errors(kind, choices):
    """Problems with the choices of a question of `kind`, as a list of messages.

    `choices` are (text, is_correct, match_text) triples in their order.
    """
    if kind not in KINDS_WITH_CHOICES:
        if choices:
            return [_("This question type uses no choices, items or pairs: remove them.")]
        return []
    if len(choices) < MIN_CHOICES:
        return [_("Give at least two choices, items or pairs.")]
    if any(not text.strip() for text, _correct, _match in choices):
        return [_("Every choice needs a text.")]
    correct = sum(1 for _text, is_correct, _match in choices if is_correct)
    if kind == QuestionKind.SINGLE_CHOICE and correct != 1:
        return [_("Mark exactly one choice as correct.")]
    if kind == QuestionKind.MULTIPLE_RESPONSE and correct < 1:
        return [_("Mark at least one choice as correct.")]
    if kind == QuestionKind.MATCHING and any(not match.strip() for _t, _c, match in choices):
        return [_("Give every matching prompt its matching answer.")]
    return []
