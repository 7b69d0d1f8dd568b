"""Learner views: start, take (save, autosave, submit) and review an attempt; trainer preview.

Views stay thin: the life cycle lives in `quizzes.attempts`, grading in `quizzes.grading`
and `quizzes.grades`; a view reads the posted form (`quizzes.forms`) and hands the service
the answers.
Someone else's attempt is a 404, so attempt ids tell nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.enrolments import can_take_step
from courses.progress import course_of_step
from courses.translations import source_page, translation_in
from quizzes import attempts, drafts, preview
from quizzes.forms import parse_answers, read_attempt_form
from quizzes.models import Attempt, AttemptState, QuizPage, ReviewOptions
from quizzes.paper import load_paper, question_fields
from quizzes.review import review_item


def quiz_as_read(quiz):
    """The attempt's (source) quiz in the language being read: frame and feedback in it."""
    return translation_in(quiz, get_language())


def render_in_quiz(request, quiz, template, context, status=200):
    """Render `template` (it extends `quizzes/base.html`) with the quiz page's own context.

    The frame around an attempt or a result (course, outline, previous and next step, the
    learner's overview of the quiz) is what the quiz page itself shows, from
    `QuizPage.get_context`, as `RoutablePageMixin.render` does for a page's sub-routes.
    `quiz` is the page as read (`quiz_as_read`).
    """
    page_context = quiz.get_context(request)
    return TemplateResponse(request, template, {**page_context, **context}, status=status)


def _own_attempt(request, attempt_id):
    return get_object_or_404(
        Attempt.objects.select_related("quiz"), pk=attempt_id, user=request.user
    )


def format_duration(seconds):
    """12:05 for 725 seconds; 1:02:05 for 3725."""
    if seconds is None:
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def _seconds_left(attempt, now):
    if attempt.deadline is None:
        return None
    end = attempt.grace_ends_at if attempts.in_grace_period(attempt, now) else attempt.deadline
    return max(0, int((end - now).total_seconds()))


@login_required
@require_POST
def start(request, quiz_id):
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    if not can_take_step(request.user, source_page(quiz)):
        messages.info(request, _("Enrol in this course to take its quizzes."))
        return redirect(course_of_step(quiz).get_url(request))
    try:
        attempt, created = attempts.start_attempt(request.user, quiz)
    except attempts.QuizUnavailable as error:
        messages.error(request, error.message)
        return redirect(quiz.get_url(request))
    if not created:
        messages.info(request, _("You are continuing the attempt you started earlier."))
    return redirect("quizzes:attempt", attempt.pk)


def render_attempt(request, attempt, *, items=None, errors=None, raw_texts=None, status=200):
    now = timezone.now()
    grace = attempts.in_grace_period(attempt, now)
    items = items if items is not None else load_paper(attempt)
    errors = errors or {}
    raw_texts = raw_texts or {}
    questions = [
        question_fields(
            item, errors.get(item.position, ""), raw_texts.get(item.position), disabled=grace
        )
        for item in items
    ]
    context = {
        "attempt": attempt,
        "questions": questions,
        "errors": [q for q in questions if q["error"]],
        "in_grace_period": grace,
        "seconds_left": _seconds_left(attempt, now),
        "time_left": format_duration(_seconds_left(attempt, now)),
        "answered": sum(1 for item in items if not item.answer.is_blank),
    }
    shown = quiz_as_read(attempt.quiz)
    return render_in_quiz(request, shown, "quizzes/attempt.html", context, status=status)


@login_required
@require_GET
def attempt_view(request, attempt_id):
    attempt = attempts.close_if_overdue(_own_attempt(request, attempt_id))
    if not attempt.is_open:
        return redirect("quizzes:result", attempt.pk)
    return render_attempt(request, attempt)


def _post(attempt, data, *, finish):
    items, parsed = read_attempt_form(attempt, data)
    return attempts.post_answers(
        attempt, items, parsed, saved_version=data.get("saved_version"), finish=finish
    )


@login_required
@require_POST
def submit(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    outcome = _post(attempt, request.POST, finish="finish" in request.POST)
    attempt = outcome.attempt
    if outcome.status == outcome.FINISHED:
        messages.success(request, _("Your answers are submitted."))
        return redirect("quizzes:result", attempt.pk)
    if outcome.status == outcome.SAVED:
        messages.success(request, _("Your answers are saved. You can come back to them later."))
        return redirect("quizzes:attempt", attempt.pk)
    if outcome.status == outcome.INVALID:
        messages.error(
            request,
            _("Some answers could not be saved. Check the questions marked below."),
        )
        return render_attempt(
            request,
            attempt,
            items=outcome.items,
            errors=outcome.errors,
            raw_texts=outcome.raw_texts,
        )
    if outcome.status == outcome.STALE:
        messages.warning(
            request,
            _(
                "This page was out of date: your answers were saved from another window "
                "since. Here are the answers saved last; check them and send again."
            ),
        )
        return redirect("quizzes:attempt", attempt.pk)
    if outcome.status == outcome.TIME_UP:
        messages.warning(request, _time_up_message(attempt))
        return redirect("quizzes:result", attempt.pk)
    messages.info(request, _("This attempt was already submitted."))
    return redirect("quizzes:result", attempt.pk)


def _time_up_message(attempt):
    if attempt.state == AttemptState.ABANDONED:
        return _("Time is up and the grace period has ended: the attempt was not submitted.")
    return _("Time is up: your attempt was submitted with the answers saved before the deadline.")


@login_required
@require_POST
def autosave(request, attempt_id):
    """Save answers while the learner works (called by quiz.js); answers JSON, never marks.

    One UPDATE of the attempt when all is well (`quizzes.drafts`); the locked way otherwise.
    """
    attempt = _own_attempt(request, attempt_id)
    items, parsed = read_attempt_form(attempt, request.POST, saved_answers=False)
    version = request.POST.get("saved_version")
    if drafts.save_draft(attempt, items, parsed, saved_version=version, now=timezone.now()):
        outcome = attempts.Outcome(attempts.Outcome.SAVED, attempt, items)
    else:
        outcome = _post(attempt, request.POST, finish=False)
    attempt = outcome.attempt
    if outcome.status in (outcome.SAVED, outcome.INVALID):
        now = timezone.now()
        return JsonResponse(
            {
                "saved": True,
                "version": attempt.saved_version,
                "saved_at": attempt.last_saved_at.isoformat() if attempt.last_saved_at else None,
                "seconds_left": _seconds_left(attempt, now),
                "errors": {f"q{position}": message for position, message in outcome.errors.items()},
            }
        )
    if outcome.status == outcome.STALE:
        return JsonResponse(
            {
                "saved": False,
                "stale": True,
                "version": attempt.saved_version,
                "message": _("Your answers were saved from another window. Reload the page."),
            },
            status=409,
        )
    return JsonResponse(
        {
            "saved": False,
            "closed": True,
            "message": _time_up_message(attempt)
            if outcome.status == outcome.TIME_UP
            else _("This attempt was already submitted."),
            "redirect": reverse("quizzes:result", args=[attempt.pk]),
        },
        status=409,
    )


@login_required
@require_GET
def result(request, attempt_id):
    attempt = attempts.close_if_overdue(_own_attempt(request, attempt_id))
    if attempt.is_open:
        return redirect("quizzes:attempt", attempt.pk)
    quiz = attempt.quiz
    now = timezone.now()
    options = quiz.review_options(quiz.review_moment(attempt.submitted_at, now))
    # An abandoned attempt was never submitted: there is nothing graded to review.
    items = load_paper(attempt) if options.shows_questions and attempt.is_finished else []
    shown = quiz_as_read(quiz)
    context = {
        "attempt": attempt,
        "options": options,
        "reviews": [review_item(item, options) for item in items],
        "overall_feedback": shown.feedback_for(attempt.percent)
        if attempt.percent is not None
        else "",
    }
    return render_in_quiz(request, shown, "quizzes/result.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def preview_view(request, quiz_id):
    """A trainer takes the latest draft of a quiz as a learner would; nothing is recorded."""
    quiz = get_object_or_404(QuizPage, pk=quiz_id)
    if not quiz.permissions_for_user(request.user).can_edit():
        raise Http404
    draft = quiz.get_latest_revision_as_object()
    plan = None
    if request.method == "POST":
        try:
            plan = signing.loads(request.POST.get("plan", ""), salt=preview.SALT, max_age=86400)
        except signing.BadSignature:
            plan = None
        items = preview.items_from_plan(draft, plan) if plan else None
        if items is None:
            messages.warning(
                request, _("The quiz changed since this preview began; here is a new one.")
            )
        else:
            parsed = parse_answers(items, request.POST)
            if not parsed.errors:
                result = preview.grade_preview(draft, items, parsed)
                return _preview_result(request, draft, items, result)
            return _preview_form(request, draft, items, plan, parsed.errors, parsed.raw_texts)
    plan = preview.new_plan(draft)
    return _preview_form(request, draft, preview.items_from_plan(draft, plan), plan)


def _preview_form(request, draft, items, plan, errors=None, raw_texts=None):
    errors = errors or {}
    raw_texts = raw_texts or {}
    questions = [
        question_fields(item, errors.get(item.position, ""), raw_texts.get(item.position))
        for item in items
    ]
    context = {
        "page": draft,
        "quiz": draft,
        "questions": questions,
        "errors": [q for q in questions if q["error"]],
        "plan": signing.dumps(plan, salt=preview.SALT),
    }
    return TemplateResponse(request, "quizzes/preview.html", context)


def _preview_result(request, draft, items, result):
    options = ReviewOptions.everything()
    context = {
        "page": draft,
        "quiz": draft,
        "score": result.score,
        "max_score": result.max_score,
        "percent": result.percent_so_far,
        "pending": result.pending,
        "passed": bool(result.passed),
        "overall_feedback": "" if result.pending else draft.feedback_for(result.percent),
        "reviews": [review_item(item, options) for item in items],
    }
    return TemplateResponse(request, "quizzes/preview_result.html", context)
