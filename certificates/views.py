from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from certificates.models import Certificate


@login_required
@require_GET
def my_certificates(request):
    certificates = Certificate.objects.filter(user=request.user)
    return TemplateResponse(request, "certificates/list.html", {"certificates": certificates})


@require_GET
def verify(request, code):
    """Public: whoever holds the code (an employer, a partner agency) can check it."""
    certificate = get_object_or_404(Certificate, code=code.strip().upper())
    return TemplateResponse(request, "certificates/certificate.html", {"certificate": certificate})
