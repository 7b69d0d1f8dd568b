"""Cohort reports for those who follow the cohort (see `learners.scope`); views stay thin."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from learners.scope import visible_cohorts
from quizzes.models import QuizPage
from reports import charts
from reports.building import background_above_rows, render_report, report_rows
from reports.cohort_report import SORT_KEYS, build_cohort_report, progress_by_course, quizzes_of
from reports.exports import FORMATS, transcript_table
from reports.models import ExportFile
from reports.quiz_results import cohort_quiz_results
from reports.status import Status
from reports.tasks import build_export
from reports.transcript import build_transcript


def followed_cohort(request, cohort_id):
    # 404, not 403: nobody learns which other cohorts exist.
    return get_object_or_404(visible_cohorts(request.user), pk=cohort_id)


def report_filters(request):
    """The course, status and order asked for in the query string; unknown values ignored."""
    try:
        course = int(request.GET.get("course") or 0) or None
    except ValueError:
        course = None
    status = request.GET.get("status") if request.GET.get("status") in Status.values else None
    sort = request.GET.get("sort") if request.GET.get("sort") in SORT_KEYS else "learner"
    return {
        "course": course,
        "status": status,
        "sort": sort,
        "descending": request.GET.get("order") == "desc",
    }


@login_required
@require_GET
def cohort_report(request, cohort_id):
    cohort = followed_cohort(request, cohort_id)
    report = build_cohort_report(cohort)
    filters = report_filters(request)
    rows = report_rows(report, filters)
    by_course = progress_by_course(report)
    all_grades = [
        cell.grade for row in report.rows for cell in row.quizzes if cell.grade is not None
    ]
    activity = charts.weekly_activity([learner.pk for learner in report.learners])
    context = {
        "cohort": cohort,
        "report": report,
        "rows": rows,
        "filters": filters,
        "counts": report.counts(),
        "statuses": Status.choices,
        "sort_columns": _sort_columns(filters),
        "progress_chart": charts.bar_chart(
            "progress-chart",
            _("Progress by course"),
            _("Mean progress of the cohort's learners in each course, in percent."),
            _("Mean progress (%)"),
            [(course.title, mean) for course, mean, _complete in by_course],
            maximum=100,
            unit="%",
        ),
        "scores_chart": charts.bar_chart(
            "scores-chart",
            _("Score distribution"),
            _("How many quiz grades of the cohort fall in each band of ten percent."),
            _("Grades"),
            charts.score_bands(all_grades),
        ),
        "activity_chart": charts.bar_chart(
            "activity-chart",
            _("Activity over time"),
            _("Steps the cohort's learners completed in each of the last twelve weeks."),
            _("Steps completed"),
            [(monday.strftime("%Y-%m-%d"), n) for monday, n in activity],
        ),
        "exports": ExportFile.objects.filter(requested_by=request.user, cohort=cohort)[:5],
        "query": request.GET.urlencode(),
    }
    return TemplateResponse(request, "reports/cohort_report.html", context)


def _sort_columns(filters):
    labels = {
        "learner": _("Learner"),
        "course": _("Course"),
        "due": _("Due"),
        "status": _("Status"),
        "progress": _("Progress"),
        "activity": _("Last activity"),
    }
    # Sorting keeps the course and status filters.
    kept = {name: filters[name] for name in ("course", "status") if filters.get(name)}
    columns = []
    for key, label in labels.items():
        current = filters["sort"] == key
        next_order = "desc" if current and not filters["descending"] else "asc"
        columns.append(
            {
                "key": key,
                "label": label,
                "current": current,
                "aria_sort": ("descending" if filters["descending"] else "ascending")
                if current
                else None,
                "next_order": next_order,
                "href": "?" + urlencode({**kept, "sort": key, "order": next_order}),
            }
        )
    return columns


@login_required
@require_GET
def report_export(request, cohort_id, format_name):
    cohort = followed_cohort(request, cohort_id)
    if format_name not in FORMATS:
        raise Http404
    filters = report_filters(request)
    rows = len(cohort.report_courses()) * cohort.learners.count()
    if rows > background_above_rows():
        export = ExportFile.objects.create(
            requested_by=request.user, cohort=cohort, format=format_name, filters=filters
        )
        transaction.on_commit(lambda: build_export.enqueue(export.pk))
        messages.info(
            request,
            _("This export has %(rows)s rows: it is being prepared and will be offered below.")
            % {"rows": rows},
        )
        return redirect("reports:cohort_report", cohort_id=cohort.pk)
    data, _count = render_report(cohort, format_name, filters)
    return _attachment(data, FORMATS[format_name], f"report-{cohort.pk}.{format_name}")


def _attachment(data, fmt, filename):
    response = HttpResponse(data, content_type=fmt.content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def export_download(request, token):
    """A background export, for the one who asked for it and nobody else."""
    export = get_object_or_404(
        ExportFile, token=token, requested_by=request.user, state=ExportFile.State.READY
    )
    get_object_or_404(visible_cohorts(request.user), pk=export.cohort_id)
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.filename)


def _transcript(request, cohort_id, user_id):
    cohort = followed_cohort(request, cohort_id)
    learner = get_object_or_404(cohort.learners.select_related("learner_profile"), pk=user_id)
    return cohort, build_transcript(learner, extra_courses=list(cohort.report_courses()))


@login_required
@require_GET
def transcript(request, cohort_id, user_id):
    cohort, data = _transcript(request, cohort_id, user_id)
    return TemplateResponse(
        request, "reports/transcript.html", {"cohort": cohort, "transcript": data}
    )


@login_required
@require_GET
def transcript_export(request, cohort_id, user_id, format_name):
    if format_name not in FORMATS:
        raise Http404
    cohort, data = _transcript(request, cohort_id, user_id)
    header, body = transcript_table(data)
    return _attachment(
        FORMATS[format_name].write(header, body),
        FORMATS[format_name],
        f"transcript-{data.learner.username}.{format_name}",
    )


@login_required
@require_GET
def quiz_results(request, cohort_id, quiz_id):
    cohort = followed_cohort(request, cohort_id)
    courses = list(cohort.report_courses())
    quiz_ids = {quiz.pk for quizzes in quizzes_of(courses).values() for quiz in quizzes}
    if quiz_id not in quiz_ids:
        raise Http404
    quiz = get_object_or_404(QuizPage, pk=quiz_id)
    results = cohort_quiz_results(quiz, list(cohort.learners.values_list("pk", flat=True)))
    chart = charts.bar_chart(
        "quiz-scores-chart",
        _("Score distribution"),
        _("How many of the cohort's first graded attempts fall in each band of ten percent."),
        _("Attempts"),
        results.bands,
    )
    return TemplateResponse(
        request,
        "reports/quiz_results.html",
        {"cohort": cohort, "results": results, "chart": chart},
    )
