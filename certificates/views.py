from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.models import Site

from certificates.models import AcademySettings, Certificate
from certificates.pdf import certificates_zip, render_certificate_pdf
from learners.scope import visible_cohorts


@login_required
@require_GET
def my_certificates(request):
    certificates = list(Certificate.objects.filter(user=request.user))
    for certificate in certificates:
        certificate.shown_title = certificate.course_title_in(translation.get_language())
    return TemplateResponse(request, "certificates/list.html", {"certificates": certificates})


def _certificate(code):
    return get_object_or_404(
        Certificate.objects.select_related("course"), code=code.strip().upper()
    )


@require_GET
def verify(request, code):
    """Public: whoever holds the code (an employer, a partner agency) can check it."""
    certificate = _certificate(code)
    return TemplateResponse(
        request,
        "certificates/certificate.html",
        {
            "certificate": certificate,
            "course_title": certificate.course_title_in(translation.get_language()),
        },
    )


def _base_url(request):
    return request.build_absolute_uri("/")


@require_GET
def certificate_pdf(request, code):
    """The certificate on paper; public like its verification page, and says if withdrawn."""
    certificate = _certificate(code)
    # Its owner gets it in the language they read in (/ru/..., /uz/...); anyone else in the
    # owner's preferred language.
    own = request.user.is_authenticated and request.user.pk == certificate.user_id
    pdf = render_certificate_pdf(
        certificate,
        AcademySettings.for_request(request),
        base_url=_base_url(request),
        language=translation.get_language() if own else None,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    return response


@login_required
@require_GET
def cohort_certificates(request, cohort_id):
    """Every certificate the cohort's learners hold for the cohort's courses, as one ZIP."""
    cohort = get_object_or_404(visible_cohorts(request.user), pk=cohort_id)
    certificates = list(
        Certificate.objects.filter(
            user__in=cohort.learners.all(), course__in=cohort.report_courses()
        )
        .select_related("course", "user")
        .order_by("user__username", "course_title")
    )
    if not certificates:
        messages.info(request, _("No learner of this cohort holds a certificate yet."))
        return redirect(cohort.get_absolute_url())
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    data = certificates_zip(certificates, site, base_url=_base_url(request))
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="certificates-{cohort.pk}.zip"'
    return response
