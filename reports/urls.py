from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("cohorts/<int:cohort_id>/report/", views.cohort_report, name="cohort_report"),
    path(
        "cohorts/<int:cohort_id>/report.<str:format_name>",
        views.report_export,
        name="report_export",
    ),
    path(
        "cohorts/<int:cohort_id>/learners/<int:user_id>/transcript/",
        views.transcript,
        name="transcript",
    ),
    path(
        "cohorts/<int:cohort_id>/learners/<int:user_id>/transcript.<str:format_name>",
        views.transcript_export,
        name="transcript_export",
    ),
    path(
        "cohorts/<int:cohort_id>/quizzes/<int:quiz_id>/",
        views.quiz_results,
        name="quiz_results",
    ),
    path("exports/<uuid:token>/", views.export_download, name="export_download"),
]
