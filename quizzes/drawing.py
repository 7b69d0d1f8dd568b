"""Which questions a paper gets: the quiz's own, then some drawn at random from banks.

A quiz read in Russian gives a Russian paper: its own questions are the translated quiz's,
and a question drawn from a bank is taken in the quiz's language where it has been
translated, in the source language where not. The draw is made over question identities
(translation keys), in the same order in every language, so a language never changes
which questions a bank can give.
"""

from collections import defaultdict

from django.db.models import Q

from courses.translations import default_locale_id
from quizzes.models.questions import Question


def _preferred(rows, locale_id, default_locale_id):
    """Of the translations of one question, the one in `locale_id`, else the source's."""

    def rank(row):
        if row[3] == locale_id:
            return 0
        return 1 if row[3] == default_locale_id else 2

    return min(rows, key=lambda row: (rank(row), row[0]))


def draw_from_banks(rules, taken, rng, *, locale_id=None):
    """Questions drawn at random for `rules` (QuizDrawRules), none of those in `taken`.

    `taken` holds the translation keys of questions the paper already has.
    """
    rules = list(rules)
    if not rules:
        return []
    taken = set(taken)
    default_id = default_locale_id()
    rows = (
        Question.objects.filter(category_id__in={rule.category_id for rule in rules})
        .filter(Q(quiz__isnull=True) | Q(quiz__live=True))
        .exclude(translation_key__in=taken)
        .order_by("pk")
        .values_list("pk", "category_id", "translation_key", "locale_id")
    )
    translations = defaultdict(list)  # (category, identity) → its rows in every language
    for row in rows:
        translations[row[1], row[2]].append(row)
    pool = defaultdict(list)  # category → [(identity, question pk in the wanted language)]
    for (category_id, identity), found in translations.items():
        chosen = _preferred(found, locale_id, default_id)
        pool[category_id].append((min(row[0] for row in found), identity, chosen[0]))
    for entries in pool.values():
        entries.sort()  # by the identity's first question: the same order in every language
    picks = []
    for rule in rules:
        available = [entry for entry in pool[rule.category_id] if entry[1] not in taken]
        chosen = rng.sample(available, min(rule.count, len(available)))
        taken.update(identity for _first, identity, _pk in chosen)
        picks.extend(pk for _first, _identity, pk in chosen)
    drawn = Question.objects.filter(pk__in=picks).prefetch_related("choices").in_bulk()
    return [drawn[pk] for pk in picks if pk in drawn]


def compose_questions(quiz, rng):
    """The quiz's own questions, then those drawn at random from its bank categories.

    `quiz` is the page the learner opened: a translated quiz gives a translated paper.
    """
    own = list(Question.objects.filter(quiz=quiz).prefetch_related("choices"))
    return own + draw_from_banks(
        quiz.draw_rules.all(), {q.translation_key for q in own}, rng, locale_id=quiz.locale_id
    )
