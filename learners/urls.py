from django.urls import path

from learners import views

app_name = "learners"

urlpatterns = [
    path("welcome/", views.after_login, name="after_login"),
    path("profile/", views.profile, name="profile"),
    path("cohorts/", views.cohort_list, name="cohort_list"),
    path("cohorts/<int:cohort_id>/", views.cohort_detail, name="cohort_detail"),
]
