"""A question's content as plain data, whatever it was read from.

Grading, the quiz form and the review all work on `QuestionData`, built from a frozen
`QuestionVersion` for real attempts (choice keys are `VersionChoice` ids) or straight from a
`Question` for a trainer's preview (choice keys are positions, 1, 2, ...). The same
canonical content, without keys, is what a version's fingerprint is computed from.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from quizzes.models import KINDS_WITH_CHOICES, QuestionKind

WEIGHT_STEP = Decimal("0.01")
NUMBER_STEP = Decimal("0.000001")


@dataclass(frozen=True)
class ChoiceData:
    key: int
    position: int  # authoring order, 1-based: the right place of an ordering item
    text: str
    is_correct: bool = False
    feedback: str = ""
    match_text: str = ""


@dataclass(frozen=True)
class QuestionData:
    kind: str
    prompt: str
    weight: Decimal
    choices: tuple = ()
    accepted_answers: tuple = ()
    numeric_answer: Decimal | None = None
    tolerance: Decimal = Decimal(0)
    explanation: str = ""
    source_reference: str = ""
    essay_guidance: str = ""
    rubric: tuple = ()  # essays: criteria with levels (see quizzes.rubrics)
    model_answer: str = ""

    @cached_property
    def choices_by_key(self):
        return {choice.key: choice for choice in self.choices}

    @property
    def correct_choices(self):
        return [choice for choice in self.choices if choice.is_correct]


@dataclass
class Answer:
    """What a learner answered to one question; keys are the question's choice keys."""

    chosen: frozenset = frozenset()  # single choice, multiple response, true/false
    text: str = ""  # short answer, numeric, essay
    positions: dict = field(default_factory=dict)  # ordering: item key → position given
    matches: dict = field(default_factory=dict)  # matching: prompt key → key of match picked

    @property
    def is_blank(self):
        return not (self.chosen or self.text.strip() or self.positions or self.matches)


def canonical_content(question):
    """The gradeable content of a `Question` (saved or in memory) as a plain mapping."""
    kind = question.kind
    if kind == QuestionKind.TRUE_FALSE:
        choices = [
            ["True", question.true_false_answer == "true", question.feedback_true, ""],
            ["False", question.true_false_answer == "false", question.feedback_false, ""],
        ]
    elif kind in KINDS_WITH_CHOICES:
        choices = []
        for choice in question.choices.all():
            if kind == QuestionKind.ORDERING:
                choices.append([choice.text, False, "", ""])
            elif kind == QuestionKind.MATCHING:
                choices.append([choice.text, False, "", choice.match_text])
            else:
                choices.append([choice.text, bool(choice.is_correct), choice.feedback, ""])
    else:
        choices = []
    numeric = kind == QuestionKind.NUMERIC
    content = {
        "kind": kind,
        "prompt": question.prompt,
        "weight": str(Decimal(question.weight).quantize(WEIGHT_STEP)),
        "explanation": question.explanation,
        "source_reference": question.source_reference,
        "accepted_answers": question.accepted_answer_list
        if kind == QuestionKind.SHORT_ANSWER
        else [],
        "numeric_answer": str(Decimal(question.numeric_answer).quantize(NUMBER_STEP))
        if numeric and question.numeric_answer is not None
        else None,
        "tolerance": str(Decimal(question.tolerance or 0).quantize(NUMBER_STEP))
        if numeric
        else "0",
        "essay_guidance": question.essay_guidance if kind == QuestionKind.ESSAY else "",
        "choices": choices,
    }
    # Only when given, so that the fingerprints of questions without them stay the same.
    if kind == QuestionKind.ESSAY:
        from quizzes.rubrics import rubric_data

        if rubric := rubric_data(question.rubric):
            content["rubric"] = rubric
        if question.model_answer:
            content["model_answer"] = question.model_answer
    return content


def data_from_content(content, keys=None):
    """`QuestionData` from `canonical_content`; choice keys default to positions 1, 2, ..."""
    keys = keys or range(1, len(content["choices"]) + 1)
    return QuestionData(
        kind=content["kind"],
        prompt=content["prompt"],
        weight=Decimal(content["weight"]),
        choices=tuple(
            ChoiceData(
                key=key,
                position=position,
                text=text,
                is_correct=is_correct,
                feedback=feedback,
                match_text=match_text,
            )
            for position, (key, (text, is_correct, feedback, match_text)) in enumerate(
                zip(keys, content["choices"], strict=True), start=1
            )
        ),
        accepted_answers=tuple(content["accepted_answers"]),
        numeric_answer=Decimal(content["numeric_answer"])
        if content["numeric_answer"] is not None
        else None,
        tolerance=Decimal(content["tolerance"]),
        explanation=content["explanation"],
        source_reference=content["source_reference"],
        essay_guidance=content["essay_guidance"],
        rubric=tuple(content.get("rubric", ())),
        model_answer=content.get("model_answer", ""),
    )


def data_from_question(question):
    return data_from_content(canonical_content(question))


def data_from_version(version):
    """`QuestionData` of a frozen version (its `choices` prefetched, in position order)."""
    return QuestionData(
        kind=version.kind,
        prompt=version.prompt,
        weight=version.weight,
        choices=tuple(
            ChoiceData(
                key=choice.pk,
                position=choice.position,
                text=choice.text,
                is_correct=choice.is_correct,
                feedback=choice.feedback,
                match_text=choice.match_text,
            )
            for choice in sorted(version.choices.all(), key=lambda c: c.position)
        ),
        accepted_answers=tuple(version.accepted_answers),
        numeric_answer=version.numeric_answer,
        tolerance=version.tolerance,
        explanation=version.explanation,
        source_reference=version.source_reference,
        essay_guidance=version.essay_guidance,
        rubric=tuple(version.rubric),
        model_answer=version.model_answer,
    )
