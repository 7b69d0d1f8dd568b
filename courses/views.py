"""Learner actions on the course tree. Every change of state is a POST behind CSRF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses import enrolments, progress
from courses.completion import record_completion
from courses.models import CoursePage, LessonPage
from courses.progress_export import course_progress_data, dashboard_data
from courses.progress_table import dashboard_progress
from courses.routing import attach_site
from courses.translations import source_page


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
@require_POST
def enrol(request, course_id):
    course = source_page(get_object_or_404(CoursePage.objects.live().public(), pk=course_id))
    _enrolment, created = enrolments.enrol(request.user, course)
    if created:
        messages.success(request, _("You are enrolled in “%(course)s”.") % {"course": course.title})
    course_progress = progress.course_progress(request.user, course)
    next_step = course_progress.next_step
    return redirect(next_step.page.get_url(request) if next_step else course.get_url(request))


@login_required
@require_POST
def complete_lesson(request, step_id):
    """Mark a lesson done, then go on to the next step (or answer JSON to a script)."""
    lesson = source_page(get_object_or_404(LessonPage.objects.live(), pk=step_id))
    attach_site(request)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if not enrolments.is_enrolled_in_course_of(request.user, lesson):
        if wants_json:
            return JsonResponse({"error": _("Enrol in this course first.")}, status=403)
        messages.error(request, _("Enrol in this course first."))
        return redirect(progress.course_of_step(lesson).get_url(request))
    record_completion(request.user, lesson)
    if wants_json:
        return JsonResponse({"done": True, "step": lesson.pk})
    messages.success(request, _("“%(lesson)s” is marked as done.") % {"lesson": lesson.title})
    following = progress.step_after(lesson)
    fallback = following.get_url(request) if following else lesson.get_url(request)
    return redirect(_safe_next(request, fallback))


@login_required
@require_GET
def dashboard(request):
    return TemplateResponse(
        request,
        "courses/dashboard.html",
        {"enrolments": dashboard_progress(request.user)},
    )


@login_required
@require_GET
def progress_json(request):
    """The logged-in learner's own progress; nobody else's is reachable here."""
    enrolments = dashboard_progress(request.user)
    return JsonResponse(dashboard_data(request.user, enrolments, request))


@login_required
@require_GET
def course_progress_json(request, course_id):
    course = source_page(get_object_or_404(CoursePage.objects.live(), pk=course_id))
    if not enrolments.find_enrolment(request.user, course):
        return JsonResponse({"error": _("You are not enrolled in this course.")}, status=404)
    return JsonResponse(course_progress_data(progress.course_progress(request.user, course)))
