from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from courses.progress import percent, progress_table
from learners.forms import AssignmentFormSet, LearnerProfileForm
from learners.middleware import SESSION_KEY, TIME_ZONE_SESSION_KEY
from learners.models import LearnerProfile
from learners.scope import scope_of, visible_cohorts, visible_courses


@login_required
def profile(request):
    instance, _created = LearnerProfile.objects.get_or_create(user=request.user)
    form = LearnerProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        request.session[SESSION_KEY] = form.cleaned_data["preferred_language"]
        request.session[TIME_ZONE_SESSION_KEY] = form.cleaned_data["time_zone"]
        translation.activate(form.cleaned_data["preferred_language"])
        messages.success(request, _("Your profile is saved."))
        response = redirect("learners:profile")
        response.set_cookie(
            "django_language",
            form.cleaned_data["preferred_language"],
            samesite="Lax",
            secure=request.is_secure(),
        )
        return response
    return TemplateResponse(request, "learners/profile.html", {"form": form})


@login_required
@require_GET
def cohort_list(request):
    cohorts = visible_cohorts(request.user).prefetch_related("courses")
    return TemplateResponse(request, "learners/cohort_list.html", {"cohorts": cohorts})


@login_required
@require_GET
def cohort_detail(request, cohort_id):
    # 404, not 403, so a trainer cannot learn which other cohorts exist.
    cohort = get_object_or_404(visible_cohorts(request.user), pk=cohort_id)
    learners = list(
        cohort.learners.select_related("learner_profile").order_by("last_name", "username")
    )
    # A course lead sees only the courses they lead among the cohort's.
    courses = visible_courses(scope_of(request.user), cohort.courses.live().order_by("path"))
    table = progress_table([learner.pk for learner in learners], courses)
    rows = [
        {
            "learner": learner,
            "cells": [
                {"course": course, "done": done, "total": total, "percent": percent(done, total)}
                for course in courses
                for done, total in [table[(learner.pk, course.pk)]]
            ],
        }
        for learner in learners
    ]
    return TemplateResponse(
        request,
        "learners/cohort_detail.html",
        {"cohort": cohort, "courses": courses, "rows": rows},
    )


@login_required
@require_http_methods(["GET", "POST"])
def cohort_assignments(request, cohort_id):
    """The cohort's trainers assign courses, each by an optional due date."""
    cohort = get_object_or_404(visible_cohorts(request.user), pk=cohort_id)
    formset = AssignmentFormSet(request.POST or None, instance=cohort)
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(request, _("The assignments of this cohort are saved."))
        return redirect("learners:cohort_assignments", cohort_id=cohort.pk)
    return TemplateResponse(
        request, "learners/cohort_assignments.html", {"cohort": cohort, "formset": formset}
    )
