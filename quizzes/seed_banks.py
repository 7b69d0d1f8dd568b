"""A module's `final_bank:` in the seed files: questions kept for the final assessment.

They are written like quiz questions but belong to no quiz: they live in the question bank,
in a category of their own (`<course>--<module>--final`), so a learner never meets them in
the module quiz, and a final assessment's `draw` of that module picks from them instead of
from the module quiz. Questions are matched by `key` within the bank; an unchanged one is
not saved again, a changed one keeps its identity, and one taken out of the file leaves the
bank (past attempts keep their frozen versions).
"""

from django.db import transaction

from wagtail.models import Locale

from courses.seed_specs import SeedError
from quizzes.models import Question, QuestionCategory
from quizzes.rubrics import rubric_data
from quizzes.seed_questions import fill_question, read_question


def final_bank_key(course_slug, module_slug):
    return f"{course_slug}--{module_slug}--final"


def final_bank_for(course_slug, module_slug):
    """The module's final-assessment bank, if the seed gave it one with questions."""
    return (
        QuestionCategory.objects.filter(key=final_bank_key(course_slug, module_slug))
        .filter(questions__isnull=False)
        .distinct()
        .first()
    )


def build_final_bank(module, value, spec, context):
    key = final_bank_key(context.course.slug, module.slug)
    category = QuestionCategory.objects.filter(key=key).first()
    if value is None:
        if category is not None:  # a final assessment's draw rule may still point at it
            category.questions.filter(quiz__isnull=True).delete()
        return
    if not isinstance(value, list) or not value:
        raise SeedError(f"module '{module.slug}': 'final_bank' must be a non-empty list", spec)
    entries = []
    seen = set()
    for question_spec in value:
        fields, choices = read_question(question_spec)
        if fields["key"] in seen:
            raise SeedError(
                f"final_bank: question key '{fields['key']}' is used twice", question_spec
            )
        seen.add(fields["key"])
        entries.append((fields, choices))
    name = f"{context.course.title} · {module.title} · final"[:255]
    with transaction.atomic():
        if category is None:
            category = QuestionCategory.objects.create(key=key, name=name)
        elif category.name != name:
            category.name = name
            category.save(update_fields=["name"])
        # The English questions; their translations follow them (`courses.seed_translations`).
        english = category.questions.filter(quiz__isnull=True, locale=Locale.get_default())
        existing = {question.key: question for question in english.prefetch_related("choices")}
        for order, (fields, choices) in enumerate(entries):
            question = existing.pop(fields["key"], None)
            if question is not None and _same(question, fields, choices, order):
                continue
            _save(question or Question(category=category), fields, choices, order)
            context.stats["bank questions saved"] += 1
        gone = [question.translation_key for question in existing.values()]
        if gone:  # with their translations
            category.questions.filter(quiz__isnull=True, translation_key__in=gone).delete()


def _same(question, fields, choices, order):
    old_choices = [
        {name: getattr(choice, name) for name in values}
        for choice, values in zip(question.choices.all(), choices, strict=False)
    ]
    return (
        question.sort_order == order
        and all(_plain(question, name) == _plain(fields, name) for name in fields)
        and len(question.choices.all()) == len(choices)
        and old_choices == choices
    )


def _plain(source, name):
    value = source[name] if isinstance(source, dict) else getattr(source, name)
    return rubric_data(value) if name == "rubric" else value


def _save(question, fields, choices, order):
    category = question.category
    question = fill_question(question if question.pk else None, fields, choices, category)
    question.quiz = None
    question.sort_order = order
    question.full_clean(exclude=["quiz", "category"])
    question.save()


def final_bank_questions(course):
    """The questions of an English course's final-assessment banks, for translation."""
    return list(
        Question.objects.filter(
            quiz__isnull=True,
            category__key__startswith=f"{course.slug}--",
            category__key__endswith="--final",
            locale=course.locale_id,
        ).order_by("category__key", "sort_order", "pk")
    )
