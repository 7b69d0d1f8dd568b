"""What a learner sees of a submitted attempt, as the quiz's review options allow."""

from django.utils.translation import gettext as _

from quizzes.grading import correctness
from quizzes.models import QuestionKind
from quizzes.paper import CHOICE_KINDS, choice_label
from quizzes.rubrics import essay_review


def _status_label(status):
    return {
        "correct": _("Correct"),
        "partial": _("Partly correct"),
        "incorrect": _("Incorrect"),
        "pending": _("Waiting for a trainer to mark"),
        "unanswered": _("Not answered"),
    }[status]


def _verdict(is_right, options):
    if not options.correctness:
        return None
    return {"right": is_right, "label": _("right") if is_right else _("wrong")}


def review_item(item, options):
    """The review of one question: a dict for `quizzes/includes/review_question.html`."""
    question = item.question
    kind = question.kind
    answer = item.answer
    status = correctness(item.mark, question.weight)
    if answer.is_blank and status == "incorrect":
        status = "unanswered"
    review = {
        "item": item,
        "kind": kind,
        "status": status if options.correctness else None,
        "status_label": _status_label(status) if options.correctness else "",
        "mark": item.mark if options.marks else None,
        "max_mark": question.weight,
        "show_marks": options.marks,
        "show_answers": options.answers,
        "choices": [],
        "rows": [],
        "text": answer.text if options.answers else "",
        "feedback": [],
        "right_answer": [],
        "explanation": question.explanation if options.explanation else "",
        "source_reference": question.source_reference if options.explanation else "",
        "marker_comment": item.marker_comment if options.feedback else "",
    }
    by_key = question.choices_by_key
    if kind in CHOICE_KINDS:
        for choice in item.shown_choices:
            chosen = choice.key in answer.chosen
            review["choices"].append(
                {
                    "label": choice_label(item, choice),
                    "chosen": chosen and options.answers,
                    "verdict": _verdict(choice.is_correct, options)
                    if chosen and options.answers
                    else None,
                }
            )
            if chosen and options.feedback and choice.feedback:
                review["feedback"].append(choice.feedback)
        if options.right_answer:
            review["right_answer"] = [
                choice_label(item, choice) for choice in question.choices if choice.is_correct
            ]
    elif kind == QuestionKind.ORDERING:
        for choice in item.shown_choices:
            given = answer.positions.get(choice.key)
            review["rows"].append(
                {
                    "label": choice.text,
                    "given": given if options.answers else None,
                    "verdict": _verdict(given == choice.position, options)
                    if options.answers and given
                    else None,
                }
            )
        if options.right_answer:
            review["right_answer"] = [choice.text for choice in question.choices]
    elif kind == QuestionKind.MATCHING:
        for choice in item.shown_choices:
            picked = by_key.get(answer.matches.get(choice.key))
            review["rows"].append(
                {
                    "label": choice.text,
                    "given": picked.match_text if picked and options.answers else None,
                    "verdict": _verdict(picked.match_text == choice.match_text, options)
                    if picked and options.answers
                    else None,
                }
            )
        if options.right_answer:
            review["right_answer"] = [
                f"{choice.text} → {choice.match_text}" for choice in question.choices
            ]
    elif kind == QuestionKind.SHORT_ANSWER and options.right_answer:
        review["right_answer"] = list(question.accepted_answers)
    elif kind == QuestionKind.NUMERIC and options.right_answer:
        review["right_answer"] = [_numeric_answer(question)]
    elif kind == QuestionKind.ESSAY:
        review.update(essay_review(item, options))
    return review


def _numeric_answer(question):
    number = question.numeric_answer.normalize()
    tolerance = question.tolerance.normalize()
    return f"{number:f} ± {tolerance:f}" if tolerance else f"{number:f}"
