"""Build a report export, at once or in the background depending on its size."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from reports.cohort_report import build_cohort_report
from reports.exports import FORMATS, report_table
from reports.models import ExportFile

DEFAULT_BACKGROUND_ABOVE_ROWS = 1000


def background_above_rows():
    return getattr(settings, "REPORT_EXPORT_BACKGROUND_ABOVE_ROWS", DEFAULT_BACKGROUND_ABOVE_ROWS)


def report_rows(report, filters):
    return report.filtered(
        course_id=filters.get("course"),
        status=filters.get("status"),
        sort=filters.get("sort", "learner"),
        descending=filters.get("descending", False),
    )


def render_report(cohort, format_name, filters):
    """(bytes, number of rows) of the cohort report in a format."""
    report = build_cohort_report(cohort)
    rows = report_rows(report, filters)
    header, body = report_table(report, rows)
    return FORMATS[format_name].write(header, body), len(body)


def complete_export(export):
    """Build the file of a pending export and keep it in the default storage."""
    data, rows = render_report(export.cohort, export.format, export.filters)
    export.file.save(export.filename, ContentFile(data), save=False)
    export.rows = rows
    export.state = ExportFile.State.READY
    export.finished_at = timezone.now()
    export.save()
    return export
