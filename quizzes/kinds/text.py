"""Kinds answered in words or figures: short answer, numeric, essay."""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.seed_specs import SeedError
from quizzes import seed_values
from quizzes.content import Answer
from quizzes.kinds.base import ONE, ZERO, AnswerError, QuestionKindBase, register, single_value
from quizzes.kinds.names import QuestionKind

NUMBER_STEP = Decimal("0.000001")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def normalise_text(text):
    return " ".join(text.split()).casefold()


def parse_number(text):
    """A learner's number ("12", "-0.5", "3,75"), or None if it is not one."""
    compact = "".join(text.split())
    if not _NUMBER.match(compact):
        return None
    try:
        return Decimal(compact.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None


class TextKind(QuestionKindBase):
    """A text box; a refused answer is shown again so that the learner can mend it."""

    multiline = False
    numeric = False

    def fields(self, item, context, raw_text=None):
        context["text"] = {
            "id": f"{item.name}-answer",
            "name": item.name,
            "value": item.answer.text if raw_text is None else raw_text,
            "maxlength": self.max_text_length,
            "multiline": self.multiline,
            "numeric": self.numeric,
        }

    def parse(self, item, data, owners):
        text = single_value(data, item.name).strip()
        if "\x00" in text:
            raise AnswerError(_("Remove the invisible control characters from your answer."))
        if len(text) > self.max_text_length:
            raise AnswerError(
                _("Keep your answer under %(limit)s characters (it has %(length)s).")
                % {"limit": self.max_text_length, "length": len(text)}
            )
        self.check_text(text)
        return Answer(text=text)

    def check_text(self, text):
        """Raise AnswerError if `text` cannot be an answer of this kind."""

    def review(self, item, options, review):
        review["shows_text"] = True
        if options.right_answer:
            review["right_answer"] = self.right_answer(item.question)

    def right_answer(self, question):
        return []


@register
class ShortAnswer(TextKind):
    """Any accepted answer, ignoring case and extra spaces."""

    name = QuestionKind.SHORT_ANSWER
    label = gettext_lazy("Short answer")
    max_text_length = 200
    seed_fields = frozenset({"accepted"})

    def canonical_fields(self, question):
        return {"accepted_answers": question.accepted_answer_list}

    def fraction(self, question, answer):
        given = normalise_text(answer.text)
        accepted = {normalise_text(text) for text in question.accepted_answers}
        return ONE if given and given in accepted else ZERO

    def right_answer(self, question):
        return list(question.accepted_answers)

    def field_errors(self, question):
        if not question.accepted_answer_list:
            return {"accepted_answers": _("Give at least one accepted answer.")}
        return {}

    def read_seed(self, spec, fields, choices, where):
        accepted = seed_values.non_empty_list(spec, "accepted", where=where)
        if not all(isinstance(text, str | int | float) and str(text).strip() for text in accepted):
            raise SeedError(f"{where}: 'accepted' must be a list of answers", spec)
        fields["accepted_answers"] = "\n".join(str(text).strip() for text in accepted)


@register
class Numeric(TextKind):
    """A number within the tolerance of the answer."""

    name = QuestionKind.NUMERIC
    label = gettext_lazy("Numeric")
    max_text_length = 40
    numeric = True
    seed_fields = frozenset({"answer", "tolerance"})

    def canonical_fields(self, question):
        answer = question.numeric_answer
        return {
            "numeric_answer": str(Decimal(answer).quantize(NUMBER_STEP))
            if answer is not None
            else None,
            "tolerance": str(Decimal(question.tolerance or 0).quantize(NUMBER_STEP)),
        }

    def check_text(self, text):
        if text and parse_number(text) is None:
            raise AnswerError(_("Enter a number, for example 12 or 0.5."))

    def fraction(self, question, answer):
        number = parse_number(answer.text)
        if number is None or question.numeric_answer is None:
            return ZERO
        return ONE if abs(number - question.numeric_answer) <= question.tolerance else ZERO

    def right_answer(self, question):
        number = question.numeric_answer.normalize()
        tolerance = question.tolerance.normalize()
        return [f"{number:f} ± {tolerance:f}" if tolerance else f"{number:f}"]

    def field_errors(self, question):
        if question.numeric_answer is None:
            return {"numeric_answer": _("Give the numeric answer.")}
        return {}

    def read_seed(self, spec, fields, choices, where):
        fields["numeric_answer"] = seed_values.number(spec, "answer", where=where)
        fields["tolerance"] = seed_values.number(spec, "tolerance", where=where, default=0)
        if fields["tolerance"] < 0:
            raise SeedError(f"{where}: 'tolerance' cannot be negative", spec)


@register
class Essay(TextKind):
    """Marked by a trainer; a blank essay earns nothing without waiting for one."""

    name = QuestionKind.ESSAY
    label = gettext_lazy("Essay (marked by a trainer)")
    max_text_length = 20_000
    multiline = True
    marked_by_person = True
    seed_fields = frozenset({"guidance", "rubric", "model_answer"})

    def canonical_fields(self, question):
        from quizzes.rubrics import rubric_data

        fields = {"essay_guidance": question.essay_guidance}
        # Only when given, so that the fingerprints of essays without them stay the same.
        if rubric := rubric_data(question.rubric):
            fields["rubric"] = rubric
        if question.model_answer:
            fields["model_answer"] = question.model_answer
        return fields

    def fraction(self, question, answer):
        return ZERO if answer.is_blank else None

    def review(self, item, options, review):
        from quizzes.rubrics import essay_review

        super().review(item, options, review)
        review.update(essay_review(item, options))

    def read_seed(self, spec, fields, choices, where):
        from quizzes.seed_rubrics import read_rubric

        fields["essay_guidance"] = seed_values.text(spec, "guidance", where=where)
        read_rubric(spec, fields, where, takes_rubric=self.marked_by_person)
