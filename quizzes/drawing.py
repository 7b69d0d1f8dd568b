"""Which questions a paper gets: the quiz's own, then some drawn at random from banks."""

from collections import defaultdict

from django.db.models import Q

from quizzes.models.questions import Question


def draw_from_banks(rules, taken, rng):
    """Questions drawn at random for `rules` (QuizDrawRules), none of those in `taken`."""
    rules = list(rules)
    if not rules:
        return []
    taken = set(taken)
    pool = defaultdict(list)
    rows = (
        Question.objects.filter(category_id__in={rule.category_id for rule in rules})
        .filter(Q(quiz__isnull=True) | Q(quiz__live=True))
        .exclude(pk__in=taken)
        .order_by("pk")
        .values_list("pk", "category_id")
    )
    for pk, category_id in rows:
        pool[category_id].append(pk)
    picks = []
    for rule in rules:
        available = [pk for pk in pool[rule.category_id] if pk not in taken]
        chosen = rng.sample(available, min(rule.count, len(available)))
        taken.update(chosen)
        picks.extend(chosen)
    drawn = Question.objects.filter(pk__in=picks).prefetch_related("choices").in_bulk()
    return [drawn[pk] for pk in picks if pk in drawn]


def compose_questions(quiz, rng):
    """The quiz's own questions, then those drawn at random from its bank categories."""
    own = list(Question.objects.filter(quiz=quiz).prefetch_related("choices"))
    return own + draw_from_banks(quiz.draw_rules.all(), {q.pk for q in own}, rng)
