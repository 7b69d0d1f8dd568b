"""Trainers import learners into a cohort: upload, preview row by row, confirm."""

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from learners.importing import (
    ImportFileError,
    apply_import,
    has_errors,
    plan_import,
    read_rows,
    sign_rows,
    unsign_rows,
)
from learners.scope import visible_cohorts
from learners.tasks import send_set_password_email


class ImportFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV or XLSX file"),
        help_text=gettext_lazy(
            "One learner a row under the header: username, first name, last name, e-mail, "
            "agency, rank, preferred language (en, ru or uz)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


def _cohort(request, cohort_id):
    return get_object_or_404(visible_cohorts(request.user), pk=cohort_id)


@login_required
@require_http_methods(["GET", "POST"])
def import_learners(request, cohort_id):
    cohort = _cohort(request, cohort_id)
    form = ImportFileForm(request.POST or None, request.FILES or None)
    context = {"cohort": cohort, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_rows(upload)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            if not rows:
                form.add_error("file", _("%(file)s has no learners.") % {"file": upload.name})
            else:
                plans = plan_import(rows, upload.name)
                context.update(
                    plans=plans,
                    has_errors=has_errors(plans),
                    signed=sign_rows(rows, upload.name),
                    creates=sum(1 for plan in plans if plan.action == "create"),
                    updates=sum(1 for plan in plans if plan.action == "update"),
                )
    return TemplateResponse(request, "learners/import.html", context)


@login_required
@require_POST
def confirm_import(request, cohort_id):
    cohort = _cohort(request, cohort_id)
    try:
        rows, filename = unsign_rows(request.POST.get("rows", ""))
    except ImportFileError as error:
        messages.error(request, str(error))
        return redirect("learners:cohort_import", cohort_id=cohort.pk)
    # Checked again: an account may have changed since the preview.
    plans = plan_import(rows, filename)
    if has_errors(plans):
        messages.error(request, _("The file no longer imports cleanly; nothing was changed."))
        form = ImportFileForm()
        return TemplateResponse(
            request,
            "learners/import.html",
            {"cohort": cohort, "form": form, "plans": plans, "has_errors": True},
        )
    created = apply_import(plans, cohort)
    for user in created:
        transaction.on_commit(lambda pk=user.pk: send_set_password_email.enqueue(pk))
    counts = {"created": len(created), "updated": len(plans) - len(created)}
    messages.success(
        request,
        ngettext(
            "%(count)s learner imported into %(cohort)s:",
            "%(count)s learners imported into %(cohort)s:",
            len(plans),
        )
        % {"count": len(plans), "cohort": cohort.name}
        + " "
        + ngettext("%(created)s new account,", "%(created)s new accounts,", len(created)) % counts
        + " "
        + ngettext(
            "%(updated)s existing account.", "%(updated)s existing accounts.", counts["updated"]
        )
        % counts,
    )
    return redirect(cohort.get_absolute_url())


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """Where an imported learner chooses their first password (the e-mailed link)."""

    template_name = "learners/set_password.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        messages.success(self.request, _("Your password is saved. Log in with it."))
        return super().form_valid(form)
