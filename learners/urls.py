from django.urls import path

from learners import import_views, views

app_name = "learners"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("cohorts/", views.cohort_list, name="cohort_list"),
    path("cohorts/<int:cohort_id>/", views.cohort_detail, name="cohort_detail"),
    path(
        "cohorts/<int:cohort_id>/assignments/",
        views.cohort_assignments,
        name="cohort_assignments",
    ),
    path("cohorts/<int:cohort_id>/import/", import_views.import_learners, name="cohort_import"),
    path(
        "cohorts/<int:cohort_id>/import/confirm/",
        import_views.confirm_import,
        name="cohort_import_confirm",
    ),
    path(
        "password/<uidb64>/<token>/",
        import_views.SetPasswordView.as_view(),
        name="set_password",
    ),
]
