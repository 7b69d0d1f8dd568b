"""Reading one question of a seed file, and copying it onto the models.

Shared by the quiz steps (`quizzes.seed`) and the final-assessment banks
(`quizzes.seed_banks`); see fixtures/README.md, "A question".
"""

from decimal import Decimal

from django.core.exceptions import ValidationError

from courses.seed_specs import SeedError, check_keys, error_text, require
from quizzes import kinds, seed_values
from quizzes.models import Question, QuestionChoice

# `scenario: true` marks an item that puts the learner in an officer's situation; only the
# item-quality test reads it (fixtures/README.md, "Item quality rules"), nothing is stored.
COMMON_FIELDS = {"key", "kind", "prompt", "weight", "explanation", "source", "scenario"}


def read_question(spec):
    """Validate one question entry; returns (fields, choices) ready to copy onto models."""
    if not isinstance(spec, dict):
        raise SeedError("question: expected a mapping (key, kind, prompt, ...)", spec)
    key = require(spec, "key", where="question")
    where = f"question '{key}'"
    name = require(spec, "kind", where=where)
    if name not in kinds.names():
        known = ", ".join(kinds.names())
        raise SeedError(f"{where}: unknown kind '{name}' (known: {known})", spec)
    kind = kinds.get(name)
    check_keys(spec, COMMON_FIELDS | kind.seed_fields, where=where)
    seed_values.flag(spec, "scenario", False, where=where)
    fields = {
        "key": key,
        "kind": name,
        "prompt": require(spec, "prompt", where=where).strip(),
        "weight": seed_values.number(spec, "weight", where=where, default=1),
        "explanation": seed_values.text(spec, "explanation", where=where),
        "source_reference": seed_values.text(spec, "source", where=where),
        "true_false_answer": "",
        "feedback_true": "",
        "feedback_false": "",
        "accepted_answers": "",
        "numeric_answer": None,
        "tolerance": Decimal(0),
        "essay_guidance": "",
        "rubric": [],
        "model_answer": "",
    }
    choices = []
    kind.read_seed(spec, fields, choices, where)
    problems = kind.choice_errors([(c["text"], c["is_correct"], c["match_text"]) for c in choices])
    if problems:
        raise SeedError(f"{where}: {' '.join(problems)}", spec)
    _check_models(fields, choices, spec, where)
    return fields, choices


def _check_models(fields, choices, spec, where):
    """Run the models' own validation (lengths, decimals, completeness by kind)."""
    try:
        Question(**fields).full_clean(exclude=["quiz", "category", "sort_order"])
        for choice in choices:
            QuestionChoice(**choice).full_clean(exclude=["question", "sort_order"])
    except ValidationError as error:
        raise SeedError(f"{where}: {error_text(error)}", spec) from error


def fill_question(question, fields, choices, category):
    question = question or Question()
    for name, value in fields.items():
        setattr(question, name, value)
    question.category = category
    old = list(question.choices.all())
    updated = []
    for index, values in enumerate(choices):
        choice = old[index] if index < len(old) else QuestionChoice()
        for name, value in values.items():
            setattr(choice, name, value)
        choice.sort_order = index
        updated.append(choice)
    question.choices = updated
    return question
