"""The report and the transcript as tables, written to CSV or XLSX.

A format is one class registered by name (`FORMATS`): what it is called, its content
type, and how it writes a header and rows to a binary file.
"""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def report_table(report, rows):
    """(header, rows) of the cohort report: one row per learner and course."""
    quizzes = [quiz for course in report.courses for quiz in report.quizzes_by_course[course.pk]]
    header = [
        _("Username"),
        _("Name"),
        _("Agency"),
        _("Course"),
        _("Due date"),
        _("Status"),
        _("Steps done"),
        _("Steps"),
        _("Progress (%)"),
        _("Last activity"),
        _("Essays waiting"),
    ]
    for quiz in quizzes:
        header += [
            _("%(quiz)s: grade (%%)") % {"quiz": quiz.title},
            _("%(quiz)s: attempts") % {"quiz": quiz.title},
        ]
    position = {quiz.pk: index for index, quiz in enumerate(quizzes)}
    body = []
    for row in rows:
        profile = getattr(row.learner, "learner_profile", None)
        line = [
            row.learner.username,
            row.learner.get_full_name(),
            profile.agency if profile else "",
            row.course.title,
            row.due_date.isoformat() if row.due_date else "",
            str(row.status_label),
            row.done,
            row.total,
            row.percent,
            _local(row.last_activity),
            row.essays_waiting,
        ]
        cells = [""] * (2 * len(quizzes))
        for cell in row.quizzes:
            at = 2 * position[cell.quiz.pk]
            cells[at] = float(cell.grade) if cell.grade is not None else ""
            cells[at + 1] = cell.attempts
        body.append(line + cells)
    return header, body


def transcript_table(transcript):
    header = [
        _("Course"),
        _("Module"),
        _("Step"),
        _("Done on"),
        _("Attempt"),
        _("State"),
        _("Submitted"),
        _("Score (%)"),
        _("Grade (%)"),
    ]
    body = []
    for course in transcript.courses:
        for step in course.steps:
            base = [course.course.title, step.module_title, step.page.title, _local(step.done_at)]
            if not step.attempts:
                grade = float(step.grade) if step.grade is not None else ""
                body.append(base + ["", "", "", "", grade])
            for attempt in step.attempts:
                body.append(
                    base
                    + [
                        attempt.number,
                        str(attempt.get_state_display()),
                        _local(attempt.submitted_at),
                        float(attempt.percent) if attempt.percent is not None else "",
                        float(step.grade) if step.grade is not None else "",
                    ]
                )
    return header, body


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(row):
    """Text a spreadsheet would run as a formula (a name like “=HYPERLINK(…)”) stays text."""
    return [
        "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value
        for value in row
    ]


class CsvFormat:
    name = "csv"
    content_type = "text/csv; charset=utf-8"

    def write(self, header, rows):
        text = io.StringIO()
        text.write("\ufeff")  # so that spreadsheet programs read UTF-8
        writer = csv.writer(text)
        writer.writerow(header)
        writer.writerows(neutralised(row) for row in rows)
        return text.getvalue().encode("utf-8")


class XlsxFormat:
    name = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def write(self, header, rows):
        import openpyxl

        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(header)
        for row in rows:
            sheet.append(neutralised(row))
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


FORMATS = {fmt.name: fmt for fmt in (CsvFormat(), XlsxFormat())}
