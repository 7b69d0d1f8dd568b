"""Certificates on paper: an A4 landscape PDF with a QR code of the verification page."""

import io
import zipfile

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Site

import pypdf
import pytest
import segno
from PIL import Image

from certificates.models import AcademySettings, Certificate
from certificates.pdf import QR_BORDER, QR_SCALE
from courses import progress
from learners.models import Cohort, LearnerProfile
from tests.builders import lessons_of, make_course, make_user

pytestmark = pytest.mark.django_db

A4_LANDSCAPE_POINTS = (842, 595)


@pytest.fixture
def certificate():
    course = make_course("Joint investigations", lessons=1, estimated_duration_minutes=150)
    learner = make_user("officer", first_name="Aziza", last_name="Karimova")
    progress.enrol(learner, course)
    progress.record_completion(learner, lessons_of(course)[0])
    issuer = AcademySettings.for_site(Site.objects.get(is_default_site=True))
    issuer.academy_name = "Academy of the Ministry of Internal Affairs"
    issuer.signatory_name = "Rustam Aliyev"
    issuer.signatory_title = "Head of Training"
    issuer.save()
    return Certificate.objects.get()


def pdf_of(client, certificate):
    response = client.get(reverse("certificates:pdf", args=[certificate.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(response.content))


def text_of(reader):
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def qr_matrix_from_page(page):
    """Read the QR code image on the page back into rows of dark (True) / light modules."""
    (image,) = page.images
    picture = Image.open(io.BytesIO(image.data)).convert("L")
    modules = picture.width // QR_SCALE - 2 * QR_BORDER
    return [
        [
            picture.getpixel(
                (
                    (QR_BORDER + column) * QR_SCALE + QR_SCALE // 2,
                    (QR_BORDER + row) * QR_SCALE + QR_SCALE // 2,
                )
            )
            < 128
            for column in range(modules)
        ]
        for row in range(modules)
    ]


def test_the_pdf_says_who_completed_what_when_how_long_and_who_issued_it(client, certificate):
    reader = pdf_of(client, certificate)

    (page,) = reader.pages
    assert (round(page.mediabox.width), round(page.mediabox.height)) == A4_LANDSCAPE_POINTS
    text = text_of(reader)
    assert "Certificate of completion" in text
    assert "Aziza Karimova" in text
    assert "Joint investigations" in text
    assert timezone.localtime(certificate.issued_at).strftime("%Y") in text
    assert "2.5 hours of study" in text
    assert "Academy of the Ministry of Internal Affairs" in text
    assert "Rustam Aliyev" in text and "Head of Training" in text
    assert certificate.code in text


def test_the_qr_code_holds_the_public_verification_url(client, certificate):
    page = pdf_of(client, certificate).pages[0]

    expected = segno.make(
        f"http://testserver/certificates/{certificate.code}/", error="m", micro=False
    )
    wanted = [[bool(bit) for bit in row] for row in expected.matrix]
    assert qr_matrix_from_page(page) == wanted


def test_the_pdf_is_in_the_learners_language(client, certificate):
    LearnerProfile.objects.create(user=certificate.user, preferred_language="ru")
    text = text_of(pdf_of(client, certificate))
    assert "Сертификат" in text or "Свидетельство" in text


def test_a_withdrawn_certificates_pdf_says_so(client, certificate):
    certificate.revoked_at = timezone.now()
    certificate.save()

    text = text_of(pdf_of(client, certificate))

    assert "WITHDRAWN" in text
    assert "has been withdrawn" in text
    assert "This certifies that" not in text


def test_an_unknown_code_has_no_pdf(client):
    assert client.get(reverse("certificates:pdf", args=["AAAA-BBBB-CCCC-DDDD"])).status_code == 404


def test_a_trainer_downloads_the_cohorts_certificates_as_one_zip(client, certificate):
    cohort = Cohort.objects.create(name="Border officers")
    cohort.learners.add(certificate.user)
    cohort.courses.add(certificate.course)
    trainer = make_user("trainer")
    cohort.trainers.add(trainer)
    client.force_login(trainer)

    response = client.get(reverse("certificates:cohort_zip", args=[cohort.pk]))

    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.namelist() == [f"officer-{certificate.code}.pdf"]
    pdf = pypdf.PdfReader(io.BytesIO(archive.read(archive.namelist()[0])))
    assert "Aziza Karimova" in text_of(pdf)
    client.force_login(make_user("other-trainer"))
    assert client.get(reverse("certificates:cohort_zip", args=[cohort.pk])).status_code == 404


def test_the_issuer_is_edited_in_the_admin_settings(client):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["certificates", "academysettings", site.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"academy_name": "Border Academy", "signatory_name": "A. B.", "signatory_title": "Dean"},
    )
    assert response.status_code == 302
    assert AcademySettings.for_site(site).academy_name == "Border Academy"
