"""Exports (CSV and XLSX, at once or in the background), transcripts, quiz results, charts."""

import csv
import io

from django.urls import reverse
from django.utils import translation

import openpyxl
import pytest
from bs4 import BeautifulSoup

from reports.exports import CsvFormat, XlsxFormat
from reports.models import ExportFile
from tests.builders import enrolled_learner, make_user
from tests.reports.builders import hand_built_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    return hand_built_cohort()


@pytest.fixture
def trainer_client(client, built):
    client.force_login(built["trainer"])
    return client


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_report_csv_holds_one_row_per_learner_and_course(trainer_client, built):
    response = trainer_client.get(
        reverse("reports:report_export", args=[built["cohort"].pk, "csv"])
    )

    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="report-' in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header[:6] == ["Username", "Name", "Agency", "Course", "Due date", "Status"]
    assert "Check: grade (%)" in header and "Written answer: attempts" in header
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_name) == {"alice", "bob", "carol"}
    assert by_name["alice"]["Progress (%)"] == "100"
    assert by_name["alice"]["Check: grade (%)"] == "100.0"
    assert by_name["alice"]["Check: attempts"] == "2"
    assert by_name["carol"]["Essays waiting"] == "1"
    assert by_name["bob"]["Status"] == "Overdue"


def test_report_xlsx_holds_the_same_figures(trainer_client, built):
    response = trainer_client.get(
        reverse("reports:report_export", args=[built["cohort"].pk, "xlsx"]), {"status": "overdue"}
    )

    header, *rows = xlsx_rows(response.content)
    assert header[0] == "Username"
    assert sorted(row[0] for row in rows) == ["bob", "carol"]  # the filter applies
    carol = next(dict(zip(header, row, strict=True)) for row in rows if row[0] == "carol")
    assert (carol["Steps done"], carol["Steps"], carol["Check: attempts"]) == (2, 3, 1)


def test_text_that_a_spreadsheet_would_run_as_a_formula_stays_text():
    header, rows = ["Name"], [['=HYPERLINK("http://evil")'], ["-1"], [5]]
    assert CsvFormat().write(header, rows).decode("utf-8-sig").splitlines()[1].startswith("\"'=")
    sheet = xlsx_rows(XlsxFormat().write(header, rows))
    assert sheet[1:] == [['\'=HYPERLINK("http://evil")'], ["'-1"], [5]]


def test_a_large_export_is_built_in_the_background_for_its_requester_only(
    client, built, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_EXPORT_BACKGROUND_ABOVE_ROWS = 2  # the cohort has 3 rows
    client.force_login(built["trainer"])
    url = reverse("reports:report_export", args=[built["cohort"].pk, "xlsx"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)

    assert response.status_code == 302
    export = ExportFile.objects.get()
    assert (export.state, export.rows, export.requested_by) == ("ready", 3, built["trainer"])
    page = client.get(response["Location"]).text
    download = reverse("reports:export_download", args=[export.token])
    assert download in page
    fetched = client.get(download)
    assert fetched.status_code == 200
    header, *rows = xlsx_rows(b"".join(fetched.streaming_content))
    assert len(rows) == 3
    other = make_user("colleague", is_superuser=True)
    client.force_login(other)
    assert client.get(download).status_code == 404


def test_the_transcript_lists_every_step_attempt_and_grade(trainer_client, built):
    url = reverse("reports:transcript", args=[built["cohort"].pk, built["alice"].pk])

    page = trainer_client.get(url)

    transcript = page.context["transcript"]
    (course,) = transcript.courses
    assert [step.page.title for step in course.steps] == ["Lesson 1", "Check", "Written answer"]
    assert all(step.done_at for step in course.steps)
    check = course.steps[1]
    assert [attempt.number for attempt in check.attempts] == [1, 2]
    assert float(check.grade) == 100.0
    assert BeautifulSoup(page.content, "html.parser").h1.get_text() == "Transcript of Alice Aliyeva"
    # Printable: a print button (academy.js, no inline handler) and a print style that hides
    # the site's chrome.
    assert BeautifulSoup(page.text, "html.parser").select_one("button[data-print]")


def test_the_transcript_exports_as_csv_and_xlsx(trainer_client, built):
    args = [built["cohort"].pk, built["carol"].pk]
    from_csv = csv_rows(
        trainer_client.get(reverse("reports:transcript_export", args=[*args, "csv"]))
    )
    from_xlsx = xlsx_rows(
        trainer_client.get(reverse("reports:transcript_export", args=[*args, "xlsx"])).content
    )

    assert from_csv[0][:3] == ["Course", "Module", "Step"]
    steps = [row[2] for row in from_csv[1:]]
    assert steps == ["Lesson 1", "Check", "Written answer"]
    written = from_csv[3]
    assert written[5] == "Awaiting marking"
    assert [row[2] for row in from_xlsx[1:]] == steps


def test_quiz_results_compare_the_cohort_with_every_learner(trainer_client, built):
    from tests.quizzes.builders import take
    from tests.reports.builders import WRONG

    for n in range(2):
        take(built["check"], enrolled_learner(built["check"], f"outsider{n}"), WRONG)
    url = reverse("reports:quiz_results", args=[built["cohort"].pk, built["check"].pk])

    page = trainer_client.get(url)

    results = page.context["results"]
    assert (results.cohort.attempts, results.everyone.attempts) == (2, 4)
    (question,) = results.questions
    assert question.cohort_facility == 50.0  # alice's first try wrong, carol's right
    assert question.everyone_facility == 25.0
    assert dict(results.bands)["90–100"] == 1 and dict(results.bands)["0–9"] == 1


def test_a_quiz_outside_the_cohorts_courses_is_not_reported(trainer_client, built):
    from tests.quizzes.builders import make_quiz, single_choice

    elsewhere = make_quiz(questions=[single_choice()], title="Elsewhere")
    url = reverse("reports:quiz_results", args=[built["cohort"].pk, elsewhere.pk])
    assert trainer_client.get(url).status_code == 404


def test_charts_are_accessible_svg_with_the_same_numbers_in_a_table(trainer_client, built):
    page = trainer_client.get(reverse("reports:cohort_report", args=[built["cohort"].pk]))

    chart = page.context["progress_chart"]
    assert [(bar.label, bar.shown) for bar in chart.bars] == [("Joint investigations", "55%")]
    figure = BeautifulSoup(page.content, "html.parser").select_one("figure.chart")
    svg = figure.select_one("svg[role=img]")
    labels = [figure.find(id=name) for name in svg["aria-labelledby"].split()]
    assert [label.name for label in labels] == ["title", "desc"]
    assert labels[0].get_text() == "Progress by course"
    rows = figure.select("table.chart__table tbody tr")
    assert [(row.th.get_text(), row.td.get_text()) for row in rows] == [
        ("Joint investigations", "55%")
    ]
    scores = {bar.label: bar.value for bar in page.context["scores_chart"].bars}
    # Alice's two grades and Carol's check; Carol's essay has no grade until it is marked.
    assert scores["90–100"] == 3
    activity = page.context["activity_chart"].bars
    assert len(activity) == 12
    assert sum(bar.value for bar in activity) == 5  # Alice's three steps, Carol's two


@pytest.mark.parametrize(("language", "word"), [("ru", "Отчёт"), ("uz", "hisoboti")])
def test_the_report_pages_speak_russian_and_uzbek(trainer_client, built, language, word):
    cohort = built["cohort"].pk
    with translation.override(language):  # the language is in the URL: /ru/..., /uz/...
        report = trainer_client.get(reverse("reports:cohort_report", args=[cohort]))
        results = trainer_client.get(
            reverse("reports:quiz_results", args=[cohort, built["check"].pk])
        )
        transcript = trainer_client.get(
            reverse("reports:transcript", args=[cohort, built["alice"].pk])
        )

    assert word in report.text
    assert [results.status_code, transcript.status_code] == [200, 200]
    assert "(%)" in results.text and "%%" not in results.text
