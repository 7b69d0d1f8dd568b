from django.urls import path

from quizzes import views

app_name = "quizzes"

urlpatterns = [
    path("<int:quiz_id>/start/", views.start, name="start"),
    path("<int:quiz_id>/preview/", views.preview_view, name="preview"),
    path("attempts/<int:attempt_id>/", views.attempt_view, name="attempt"),
    path("attempts/<int:attempt_id>/submit/", views.submit, name="submit"),
    path("attempts/<int:attempt_id>/autosave/", views.autosave, name="autosave"),
    path("attempts/<int:attempt_id>/result/", views.result, name="result"),
]
