"""Build quiz steps from the seed files (see fixtures/README.md, "A question").

Registered with `courses.seed` for steps of `type: quiz`. Questions are matched by `key`
within their quiz, so reloading an unchanged file changes nothing and a changed question
keeps its identity (past attempts stay pinned to the version they were given). A module
quiz's questions form that module's question bank, from which a `draw` picks at random,
unless the module has a `final_bank` (see `quizzes.seed_banks`): then the draw picks from
that.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError

from courses.seed import SeedError, Spec, check_keys, error_text, require
from quizzes.models import (
    KINDS_WITH_CHOICES,
    ExpiryPolicy,
    GradingMethod,
    Question,
    QuestionCategory,
    QuestionChoice,
    QuestionKind,
    QuizDrawRule,
    QuizPage,
)
from quizzes.seed_banks import final_bank_for
from quizzes.seed_rubrics import read_rubric
from quizzes.validation import choice_errors

QUIZ_FIELDS = {
    "type",
    "slug",
    "title",
    "summary",
    "intro",
    "estimated_minutes",
    "pass_mark",
    "attempts_allowed",
    "grading_method",
    "time_limit_minutes",
    "expiry_policy",
    "grace_period_minutes",
    "shuffle_questions",
    "shuffle_choices",
    "questions",
    "draw",
}
# `scenario: true` marks an item that puts the learner in an officer's situation; only the
# item-quality test reads it (fixtures/README.md, "Item quality rules"), nothing is stored.
COMMON_FIELDS = {"key", "kind", "prompt", "weight", "explanation", "source", "scenario"}
KIND_FIELDS = {
    QuestionKind.SINGLE_CHOICE: {"choices"},
    QuestionKind.MULTIPLE_RESPONSE: {"choices"},
    QuestionKind.TRUE_FALSE: {"answer", "feedback_true", "feedback_false"},
    QuestionKind.SHORT_ANSWER: {"accepted"},
    QuestionKind.NUMERIC: {"answer", "tolerance"},
    QuestionKind.ORDERING: {"items"},
    QuestionKind.MATCHING: {"pairs"},
    QuestionKind.ESSAY: {"guidance", "rubric", "model_answer"},
}
CHOICE_FIELDS = {"text", "correct", "feedback"}
PAIR_FIELDS = {"prompt", "match"}
DRAW_FIELDS = {"module", "count"}


def bank_key(course_slug, module_slug):
    return f"{course_slug}--{module_slug}"


def _whole(spec, key, default, *, low, high, where):
    value = spec.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise SeedError(f"{where}: '{key}' must be a whole number from {low} to {high}", spec)
    return value


def _number(spec, key, *, where, default=None):
    value = spec.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SeedError(f"{where}: '{key}' must be a number", spec)
    return Decimal(str(value))


def _text(spec, key, *, where, default=""):
    value = spec.get(key, default)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SeedError(f"{where}: '{key}' must be text", spec)
    return value.strip()


def _choice(spec, key, choices, default, *, where):
    value = spec.get(key, default)
    if value not in choices.values:
        raise SeedError(f"{where}: '{key}' must be one of {', '.join(choices.values)}", spec)
    return value


def _flag(spec, key, default, *, where):
    value = spec.get(key, default)
    if not isinstance(value, bool):
        raise SeedError(f"{where}: '{key}' must be true or false", spec)
    return value


def read_settings(spec):
    """The quiz's settings; a field left out takes the default a new quiz has in the admin."""

    def default(name):
        return QuizPage._meta.get_field(name).default

    def whole(name, low, high):
        return _whole(spec, name, default(name), low=low, high=high, where="quiz")

    def flag(name):
        return _flag(spec, name, default(name), where="quiz")

    def choice(name, choices):
        return _choice(spec, name, choices, default(name), where="quiz")

    no_limit = spec.get("time_limit_minutes") is None
    return {
        "pass_mark": whole("pass_mark", 0, 100),
        "attempts_allowed": whole("attempts_allowed", 0, 1000),
        "grading_method": choice("grading_method", GradingMethod),
        "time_limit_minutes": None if no_limit else whole("time_limit_minutes", 1, 10_000),
        "expiry_policy": choice("expiry_policy", ExpiryPolicy),
        "grace_period_minutes": whole("grace_period_minutes", 1, 1000),
        "shuffle_questions": flag("shuffle_questions"),
        "shuffle_choices": flag("shuffle_choices"),
    }


def _list(spec, key, *, where):
    value = spec.get(key)
    if not isinstance(value, list) or not value:
        raise SeedError(f"{where}: '{key}' must be a non-empty list", spec)
    return value


def read_question(spec):
    """Validate one question entry; returns (fields, choices) ready to copy onto models."""
    if not isinstance(spec, dict):
        raise SeedError("question: expected a mapping (key, kind, prompt, ...)", spec)
    key = require(spec, "key", where="question")
    where = f"question '{key}'"
    kind = require(spec, "kind", where=where)
    if kind not in KIND_FIELDS:
        raise SeedError(f"{where}: unknown kind '{kind}' (known: {', '.join(KIND_FIELDS)})", spec)
    check_keys(spec, COMMON_FIELDS | KIND_FIELDS[kind], where=where)
    _flag(spec, "scenario", False, where=where)
    fields = {
        "key": key,
        "kind": kind,
        "prompt": require(spec, "prompt", where=where).strip(),
        "weight": _number(spec, "weight", where=where, default=1),
        "explanation": _text(spec, "explanation", where=where),
        "source_reference": _text(spec, "source", where=where),
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
    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_RESPONSE):
        for item in _list(spec, "choices", where=where):
            if not isinstance(item, dict):
                raise SeedError(
                    f"{where}: each choice is a mapping (text, correct, feedback)", spec
                )
            check_keys(item, CHOICE_FIELDS, where=f"{where}, choice")
            choices.append(
                {
                    "text": require(item, "text", where=f"{where}, choice").strip(),
                    "is_correct": _flag(item, "correct", False, where=f"{where}, choice"),
                    "feedback": _text(item, "feedback", where=f"{where}, choice"),
                    "match_text": "",
                }
            )
    elif kind == QuestionKind.TRUE_FALSE:
        answer = _flag(spec, "answer", None, where=where)  # required: None is not a flag
        fields["true_false_answer"] = "true" if answer else "false"
        fields["feedback_true"] = _text(spec, "feedback_true", where=where)
        fields["feedback_false"] = _text(spec, "feedback_false", where=where)
    elif kind == QuestionKind.SHORT_ANSWER:
        accepted = _list(spec, "accepted", where=where)
        if not all(isinstance(text, str | int | float) and str(text).strip() for text in accepted):
            raise SeedError(f"{where}: 'accepted' must be a list of answers", spec)
        fields["accepted_answers"] = "\n".join(str(text).strip() for text in accepted)
    elif kind == QuestionKind.NUMERIC:
        fields["numeric_answer"] = _number(spec, "answer", where=where)
        fields["tolerance"] = _number(spec, "tolerance", where=where, default=0)
        if fields["tolerance"] < 0:
            raise SeedError(f"{where}: 'tolerance' cannot be negative", spec)
    elif kind == QuestionKind.ORDERING:
        for text in _list(spec, "items", where=where):
            if not isinstance(text, str):
                raise SeedError(f"{where}: 'items' must be a list of texts", spec)
            choices.append(
                {"text": text.strip(), "is_correct": False, "feedback": "", "match_text": ""}
            )
    elif kind == QuestionKind.MATCHING:
        for pair in _list(spec, "pairs", where=where):
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
    elif kind == QuestionKind.ESSAY:
        fields["essay_guidance"] = _text(spec, "guidance", where=where)
        read_rubric(spec, fields, where)
    problems = (
        choice_errors(kind, [(c["text"], c["is_correct"], c["match_text"]) for c in choices])
        if kind in KINDS_WITH_CHOICES
        else []
    )
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


def _bank_for(module, context):
    key = bank_key(context.course.slug, module.slug)
    name = f"{context.course.title} · {module.title}"[:255]
    category, created = QuestionCategory.objects.get_or_create(key=key, defaults={"name": name})
    if not created and category.name != name:
        category.name = name
        category.save(update_fields=["name"])
    return category


def _draw_rules(spec, module, context):
    rules = []
    for item in spec.get("draw") or []:
        if not isinstance(item, dict):
            raise SeedError("quiz draw: each entry is a mapping (module, count)", spec)
        check_keys(item, DRAW_FIELDS, where="quiz draw")
        slug = require(item, "module", where="quiz draw")
        count = _whole(item, "count", 1, low=1, high=1000, where="quiz draw")
        if slug not in context.modules:
            raise SeedError(
                f"quiz draw: module '{slug}' is not a module before this one in the course", item
            )
        category = final_bank_for(context.course.slug, slug) or (
            QuestionCategory.objects.filter(key=bank_key(context.course.slug, slug)).first()
        )
        if category is None:
            raise SeedError(f"quiz draw: module '{slug}' has no quiz questions to draw", item)
        rules.append((category, count))
    return rules


def build_quiz(module, spec, context):
    check_keys(spec, QUIZ_FIELDS, where="quiz")
    title = require(spec, "title", where="quiz")
    settings = read_settings(spec)
    minutes = _whole(spec, "estimated_minutes", 10, low=1, high=10_000, where="quiz")
    question_specs = spec.get("questions") or []
    if not isinstance(question_specs, list):
        raise SeedError("quiz: 'questions' must be a list", spec)
    if not isinstance(spec.get("draw") or [], list):
        raise SeedError("quiz: 'draw' must be a list", spec)
    questions = []
    seen = set()
    for question_spec in question_specs:
        fields, choices = read_question(question_spec)
        if fields["key"] in seen:
            raise SeedError(f"question key '{fields['key']}' is used twice", question_spec)
        seen.add(fields["key"])
        questions.append((fields, choices))
    rules = _draw_rules(spec, module, context)
    if not questions and not rules:
        raise SeedError("quiz: give it 'questions' or a 'draw'", spec)
    # This module's questions are its bank; the module is known from here on.
    category = _bank_for(module, context) if questions else None

    def apply(page):
        page.title = title
        page.summary = _text(spec, "summary", where="quiz")
        page.intro = _text(spec, "intro", where="quiz")
        page.estimated_minutes = minutes
        for name, value in settings.items():
            setattr(page, name, value)
        existing = {question.key: question for question in page.questions.all() if question.key}
        page.questions = [
            _question(existing.get(fields["key"]), fields, choices, category)
            for fields, choices in questions
        ]
        old_rules = list(page.draw_rules.all())
        page.draw_rules = [
            _rule(old_rules[index] if index < len(old_rules) else None, rule_category, count)
            for index, (rule_category, count) in enumerate(rules)
        ]

    return context.upsert_page(module, QuizPage, _with_banks(spec, rules), apply)


def _with_banks(spec, rules):
    """The spec the page's digest is taken from: it names the final banks a draw uses, so
    that adding or removing a module's `final_bank` updates the draw even when the quiz's
    own source did not change."""
    finals = [category.key for category, _count in rules if category.key.endswith("--final")]
    if not finals:
        return spec
    marked = Spec({**spec, "final_banks": finals})
    marked.line = spec.line
    return marked


def _question(question, fields, choices, category):
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
        updated.append(choice)
    question.choices = updated
    return question


def _rule(rule, category, count):
    rule = rule or QuizDrawRule()
    rule.category = category
    rule.count = count
    return rule
