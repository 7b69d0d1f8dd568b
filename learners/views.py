from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from courses.progress import percent, progress_table
from learners.forms import LearnerProfileForm
from learners.landing import landing_url
from learners.models import LearnerProfile, cohorts_visible_to


@login_required
@require_GET
def after_login(request):
    """LOGIN_REDIRECT_URL: the dashboard in the learner's preferred language."""
    return redirect(landing_url(request.user, request.headers.get("Accept-Language", "")))


@login_required
def profile(request):
    instance, _created = LearnerProfile.objects.get_or_create(user=request.user)
    form = LearnerProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        # The URL carries the language: the saved profile is shown in the chosen one.
        translation.activate(form.cleaned_data["preferred_language"])
        messages.success(request, _("Your profile is saved."))
        return redirect("learners:profile")
    return TemplateResponse(request, "learners/profile.html", {"form": form})


@login_required
@require_GET
def cohort_list(request):
    cohorts = cohorts_visible_to(request.user).prefetch_related("courses")
    return TemplateResponse(request, "learners/cohort_list.html", {"cohorts": cohorts})


@login_required
@require_GET
def cohort_detail(request, cohort_id):
    # 404, not 403, so a trainer cannot learn which other cohorts exist.
    cohort = get_object_or_404(cohorts_visible_to(request.user), pk=cohort_id)
    learners = list(
        cohort.learners.select_related("learner_profile").order_by("last_name", "username")
    )
    courses = list(cohort.courses.live().order_by("path"))
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
