from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("progress.json", views.progress_json, name="progress_json"),
    path("courses/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path(
        "courses/<int:course_id>/progress.json",
        views.course_progress_json,
        name="course_progress_json",
    ),
    path("lessons/<int:step_id>/complete/", views.complete_lesson, name="complete_lesson"),
]
