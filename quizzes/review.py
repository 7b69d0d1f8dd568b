"""What a learner sees of a submitted attempt, as the quiz's review options allow."""

from django.utils.translation import gettext as _

from quizzes.grading import correctness


def _status_label(status):
    return {
        "correct": _("Correct"),
        "partial": _("Partly correct"),
        "incorrect": _("Incorrect"),
        "pending": _("Waiting for a trainer to mark"),
        "unanswered": _("Not answered"),
    }[status]


def review_item(item, options):
    """The review of one question: a dict for `quizzes/includes/review_question.html`.

    The parts every question has are filled here; the kind fills its own (choices picked,
    rows given, the text typed, the right answer).
    """
    question = item.question
    answer = item.answer
    status = correctness(item.mark, question.weight)
    if answer.is_blank and status == "incorrect":
        status = "unanswered"
    review = {
        "item": item,
        "kind": question.kind,
        "status": status if options.correctness else None,
        "status_label": _status_label(status) if options.correctness else "",
        "mark": item.mark if options.marks else None,
        "max_mark": question.weight,
        "show_marks": options.marks,
        "show_answers": options.answers,
        "choices": [],
        "rows": [],
        "row_heading": "",
        "given_heading": "",
        "shows_text": False,
        "text": answer.text if options.answers else "",
        "feedback": [],
        "right_answer": [],
        "right_answer_in_order": False,
        "explanation": question.explanation if options.explanation else "",
        "source_reference": question.source_reference if options.explanation else "",
        "marker_comment": item.marker_comment if options.feedback else "",
    }
    item.kind.review(item, options, review)
    return review
