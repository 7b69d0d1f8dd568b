"""A question's content as plain data, whatever it was read from.

Grading, the quiz form and the review all work on `QuestionData`, built from a frozen
`QuestionVersion` for real attempts (choice keys are `VersionChoice` ids) or straight from a
`Question` for a trainer's preview (choice keys are positions, 1, 2, ...). The same
canonical content, without keys, is what a version's fingerprint is computed from.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property


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


def data_from_content(content, keys=None):
    """`QuestionData` from `versions.canonical_content`; choice keys default to 1, 2, ..."""
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
