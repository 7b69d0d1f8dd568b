"""A trainer runs a cohort: imports it, assigns a course with a due date, an officer sees
it, and the trainer downloads the report and a certificate."""

import datetime
import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import log_in, log_out, run_axe, screenshot

pytestmark = pytest.mark.e2e

COURSE = "Cybercrime and digital evidence in cross-border cooperation"
IMPORT_CSV = (
    "username,first name,last name,e-mail,agency,rank,preferred language\n"
    "e2e-imported,Jasur,Tursunov,jasur@example.org,Customs Committee,Lieutenant,en\n"
    "e2e-cohort,,,e2e-cohort@example.org,Border Police,Sergeant,en\n"
)


def _serious(violations):
    return [v["id"] for v in violations if v["impact"] in ("serious", "critical")]


@pytest.fixture
def cohort_id(academy_site):
    return int(
        academy_site.shell(
            """
from django.contrib.auth import get_user_model
from learners.models import Cohort
cohort, _ = Cohort.objects.get_or_create(name="E2E spring intake")
cohort.trainers.add(get_user_model().objects.get(username="trainer"))
print(cohort.pk)
"""
        ).strip()
    )


def _set_password_link(academy_site):
    for message in sorted((academy_site.folder / "mail").glob("*.log")):
        text = message.read_text(errors="replace")
        if "jasur@example.org" in text:
            return re.search(r"http://127\.0\.0\.1:\d+/learn/password/\S+", text).group(0)
    raise AssertionError("no set-your-password e-mail for the imported officer")


def test_a_trainer_runs_a_cohort(page, academy_site, cohort_id, artifacts, tmp_path):
    due = datetime.date.today() + datetime.timedelta(days=10)
    log_in(page, "trainer", academy_site.password)

    # Import: preview first, then confirm.
    page.goto(f"/learn/cohorts/{cohort_id}/")
    page.get_by_role("link", name="Import learners").click()
    page.get_by_label("CSV or XLSX file").set_input_files(
        {"name": "officers.csv", "mimeType": "text/csv", "buffer": IMPORT_CSV.encode()}
    )
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_text("1 account will be created")).to_be_visible()
    expect(page.get_by_role("cell", name="Existing account e2e-cohort")).to_be_visible()
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.locator(".message--success")).to_contain_text(
        "2 learners imported into E2E spring intake: 1 new account, 1 existing account."
    )

    # Assign a course with a due date.
    page.get_by_role("link", name="Assign courses").click()
    page.get_by_label("Course").select_option(label=COURSE)
    page.get_by_label("Due date").fill(due.isoformat())
    page.get_by_role("button", name="Save assignments").click()
    expect(page.locator(".message--success")).to_contain_text(
        "assignments of this cohort are saved"
    )
    log_out(page)

    # The imported officer chooses a password from the e-mail and sees the assignment.
    page.goto(_set_password_link(academy_site))
    page.get_by_label("New password", exact=True).fill("a-long-officer-secret-7")
    page.get_by_label("New password confirmation").fill("a-long-officer-secret-7")
    page.get_by_role("button", name="Save my password").click()
    log_in(page, "e2e-imported", "a-long-officer-secret-7")
    page.goto("/learn/")
    assigned = page.get_by_role("region", name="Assigned to you")
    expect(assigned).to_contain_text(COURSE)
    expect(assigned).to_contain_text("Due ")
    log_out(page)

    # The officer gets going: five steps done (as the lesson pages would record them).
    academy_site.shell(
        f"""
from django.contrib.auth import get_user_model
from courses import progress
from courses.models import CoursePage, LessonPage
user = get_user_model().objects.get(username="e2e-imported")
course = CoursePage.objects.get(title={COURSE!r})
progress.enrol(user, course)
for lesson in LessonPage.objects.live().descendant_of(course).order_by("path")[:5]:
    progress.record_completion(user, lesson)
"""
    )

    # The trainer reads the report and downloads it.
    log_in(page, "trainer", academy_site.password)
    page.goto(f"/learn/cohorts/{cohort_id}/report/")
    expect(
        page.get_by_role("table", name="Each learner in each course of the cohort")
    ).to_contain_text("Jasur Tursunov")
    assert _serious(run_axe(page)) == []
    screenshot(page, artifacts, "cohort-report-desktop", full_page=True)
    with page.expect_download() as report:
        page.get_by_role("link", name="Download report.xlsx").click()
    assert report.value.suggested_filename == f"report-{cohort_id}.xlsx"
    with open(report.value.path(), "rb") as downloaded:
        sheet = openpyxl.load_workbook(downloaded).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Username"
    assert {"e2e-imported", "e2e-cohort"} <= {row[0] for row in rows[1:]}

    # The officer's transcript and a quiz's results, reached from the report.
    page.get_by_role("link", name="Jasur Tursunov").click()
    expect(page.get_by_role("heading", name="Transcript of Jasur Tursunov")).to_be_visible()
    assert _serious(run_axe(page)) == []
    page.go_back()
    page.get_by_role("link", name="Final assessment").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("results of E2E spring intake")
    assert _serious(run_axe(page)) == []

    # A certificate of the cohort: issued when a learner completes the course.
    code = academy_site.shell(
        f"""
from django.contrib.auth import get_user_model
from certificates.issuing import issue_certificate
from courses.models import CoursePage, Enrolment
from django.utils import timezone
user = get_user_model().objects.get(username="e2e-imported")
course = CoursePage.objects.get(title={COURSE!r})
enrolment, _ = Enrolment.objects.get_or_create(user=user, course=course)
enrolment.completed_at = timezone.now()
enrolment.save()
print(issue_certificate(enrolment).code)
"""
    ).strip()
    page.goto(f"/learn/cohorts/{cohort_id}/")
    with page.expect_download() as bundle:
        page.get_by_role("link", name="All certificates (ZIP)").click()
    archive = zipfile.ZipFile(bundle.value.path())
    assert archive.namelist() == [f"e2e-imported-{code}.pdf"]
    pdf = archive.read(archive.namelist()[0])
    assert pdf.startswith(b"%PDF")
    response = page.request.get(f"/certificates/{code}.pdf")
    assert response.ok and response.headers["content-type"] == "application/pdf"

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:  # a picture of the certificate for the README
        (tmp_path / "certificate.pdf").write_bytes(response.body())
        subprocess.run(  # noqa: S603 (Debian's pdftoppm on our own file)
            [
                pdftoppm,
                "-png",
                "-r",
                "60",
                "-singlefile",
                str(tmp_path / "certificate.pdf"),
                str(artifacts / "certificate-pdf"),
            ],
            check=True,
            timeout=60,
        )
