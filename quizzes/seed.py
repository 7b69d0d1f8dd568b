"""Build quiz steps from the seed files (see fixtures/README.md, "A question").

Registered with `courses.seed` for steps of `type: quiz`. Questions are matched by `key`
within their quiz, so reloading an unchanged file changes nothing and a changed question
keeps its identity (past attempts stay pinned to the version they were given). A module
quiz's questions form that module's question bank, from which a `draw` picks at random,
unless the module has a `final_bank` (see `quizzes.seed_banks`): then the draw picks from
that.
"""

from courses.seed_specs import SeedError, Spec, check_keys, require
from quizzes import seed_values
from quizzes.models import (
    ExpiryPolicy,
    GradingMethod,
    QuestionCategory,
    QuizDrawRule,
    QuizPage,
)
from quizzes.seed_banks import final_bank_for
from quizzes.seed_questions import fill_question, read_question

# The quiz's rules (`read_settings`): a translation of the course keeps them as they are.
QUIZ_SETTINGS = (
    "pass_mark",
    "attempts_allowed",
    "grading_method",
    "time_limit_minutes",
    "expiry_policy",
    "grace_period_minutes",
    "shuffle_questions",
    "shuffle_choices",
)
# What a translation of a quiz keeps from the English file besides its settings: the kind
# of each question, its right answers, marks and flags, and the draw.
KEPT_IN_TRANSLATION = {
    *QUIZ_SETTINGS,
    "kind",
    "correct",
    "answer",
    "tolerance",
    "weight",
    "points",
    "scenario",
    "draw",
    "module",
    "count",
}
QUIZ_FIELDS = {
    "type",
    "slug",
    "title",
    "summary",
    "intro",
    "estimated_minutes",
    *QUIZ_SETTINGS,
    "questions",
    "draw",
}
DRAW_FIELDS = {"module", "count"}


def bank_key(course_slug, module_slug):
    return f"{course_slug}--{module_slug}"


def read_settings(spec):
    """The quiz's settings; a field left out takes the default a new quiz has in the admin."""

    def default(name):
        return QuizPage._meta.get_field(name).default

    def whole(name, low, high):
        return seed_values.whole(spec, name, default(name), low=low, high=high, where="quiz")

    def flag(name):
        return seed_values.flag(spec, name, default(name), where="quiz")

    def choice(name, choices):
        return seed_values.one_of(spec, name, choices, default(name), where="quiz")

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
        count = seed_values.whole(item, "count", 1, low=1, high=1000, where="quiz draw")
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
    minutes = seed_values.whole(spec, "estimated_minutes", 10, low=1, high=10_000, where="quiz")
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
        page.summary = seed_values.text(spec, "summary", where="quiz")
        page.intro = seed_values.text(spec, "intro", where="quiz")
        page.estimated_minutes = minutes
        for name, value in settings.items():
            setattr(page, name, value)
        existing = {question.key: question for question in page.questions.all() if question.key}
        page.questions = [
            fill_question(existing.get(fields["key"]), fields, choices, category)
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


def _rule(rule, category, count):
    rule = rule or QuizDrawRule()
    rule.category = category
    rule.count = count
    return rule
