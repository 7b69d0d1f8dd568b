"""A trainer's preview of a quiz: the paper a learner would get, graded in memory only.

Grading and scoring are the real ones (`quizzes.grades`); only nothing is stored.

The paper's make-up (which questions, in which order, choices in which order) travels in a
signed form field, so the preview needs no database rows at all.
"""

import secrets

from quizzes.drawing import draw_from_banks
from quizzes.grades import mark_paper, score
from quizzes.models.questions import Question
from quizzes.paper import PaperItem, display_order, new_rng
from quizzes.versions import data_from_question

SALT = "quizzes.preview"


def new_plan(quiz):
    """Draw a paper for `quiz` (a page object, possibly an unsaved draft)."""
    rng = new_rng()
    own = list(quiz.questions.all())
    drawn = draw_from_banks(
        quiz.draw_rules.all(), {q.translation_key for q in own}, rng, locale_id=quiz.locale_id
    )
    entries = [{"own": index} for index in range(len(own))] + [{"bank": q.pk} for q in drawn]
    positions = list(range(1, len(entries) + 1))
    if quiz.shuffle_questions:
        rng.shuffle(positions)
    orders = [
        display_order(data_from_question(q), shuffle_choices=quiz.shuffle_choices, rng=rng)
        for q in own + drawn
    ]
    return {
        "nonce": secrets.token_hex(8),
        "entries": entries,
        "positions": positions,
        "orders": orders,
    }


def items_from_plan(quiz, plan):
    """The PaperItems of a plan, or None if the quiz has changed so that it no longer fits."""
    try:
        own = list(quiz.questions.all())
        bank_ids = [entry["bank"] for entry in plan["entries"] if "bank" in entry]
        bank = Question.objects.filter(pk__in=bank_ids).prefetch_related("choices").in_bulk()
        items = []
        for slot, (entry, position, order) in enumerate(
            zip(plan["entries"], plan["positions"], plan["orders"], strict=True), start=1
        ):
            question = own[entry["own"]] if "own" in entry else bank[entry["bank"]]
            data = data_from_question(question)
            if sorted(order) != sorted(choice.key for choice in data.choices):
                return None
            items.append(
                PaperItem(
                    position=position,
                    slot=slot,
                    question=data,
                    display_keys=tuple(order),
                    salt=f"preview.{plan['nonce']}.{slot}",
                )
            )
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    return sorted(items, key=lambda item: item.position)


def grade_preview(quiz, items, parsed):
    """Give `items` the answers in `parsed` and mark them; returns their `grades.Score`."""
    for item in items:
        item.answer = parsed.answers[item.position]
    marks = mark_paper(items)
    return score(marks, sum(item.max_mark for item in items), quiz.pass_mark)
