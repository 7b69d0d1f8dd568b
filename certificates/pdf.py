"""A certificate on paper: an A4 landscape PDF in the learner's language, with a QR code
for its public verification page. WeasyPrint draws it from an HTML template."""

import base64
import io
import zipfile

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

import segno

from certificates.models import AcademySettings
from learners.models import LearnerProfile

QR_SCALE = 8
QR_BORDER = 4


def verification_url(certificate, base_url=None):
    base = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    return base + certificate.get_absolute_url()


def qr_code(url):
    return segno.make(url, error="m", micro=False)


def _logo_data_uri(issuer):
    if not issuer.logo:
        return ""
    rendition = issuer.logo.get_rendition("max-600x200|format-png")
    with rendition.file.open("rb") as handle:
        data = handle.read()
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def hours_of(certificate):
    if certificate.course is None:
        return None
    hours = certificate.course.estimated_duration_minutes / 60
    return f"{hours:g}" if hours == int(hours) else f"{hours:.1f}"


def certificate_language(certificate, languages=None):
    if languages is not None:
        return languages.get(certificate.user_id, settings.LANGUAGE_CODE)
    profile = LearnerProfile.objects.filter(user_id=certificate.user_id).first()
    return profile.preferred_language if profile else settings.LANGUAGE_CODE


def render_certificate_pdf(certificate, issuer, *, base_url=None, language=None):
    """The PDF (bytes) of one certificate as issued by `issuer` (AcademySettings)."""
    from weasyprint import HTML

    url = verification_url(certificate, base_url)
    language = language or certificate_language(certificate)
    with translation.override(language):
        html = render_to_string(
            "certificates/certificate_pdf.html",
            {
                "certificate": certificate,
                "course_title": certificate.course_title_in(language),
                "issuer": issuer,
                "logo": _logo_data_uri(issuer),
                "hours": hours_of(certificate),
                "url": url,
                "qr": qr_code(url).png_data_uri(scale=QR_SCALE, border=QR_BORDER),
                "language": language,
            },
        )
    return HTML(string=html).write_pdf()


def certificates_zip(certificates, site, *, base_url=None):
    """One ZIP of the PDFs of `certificates`, each in its learner's language."""
    issuer = AcademySettings.for_site(site)
    languages = dict(
        LearnerProfile.objects.filter(user_id__in={c.user_id for c in certificates}).values_list(
            "user_id", "preferred_language"
        )
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            pdf = render_certificate_pdf(
                certificate,
                issuer,
                base_url=base_url,
                language=certificate_language(certificate, languages),
            )
            archive.writestr(f"{certificate.user.username}-{certificate.code}.pdf", pdf)
    return buffer.getvalue()
