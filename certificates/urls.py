from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("learn/certificates/", views.my_certificates, name="mine"),
    path(
        "learn/cohorts/<int:cohort_id>/certificates.zip",
        views.cohort_certificates,
        name="cohort_zip",
    ),
    path("certificates/<str:code>.pdf", views.certificate_pdf, name="pdf"),
    path("certificates/<str:code>/", views.verify, name="verify"),
]
