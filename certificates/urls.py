from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("learn/certificates/", views.my_certificates, name="mine"),
    path("certificates/<str:code>/", views.verify, name="verify"),
]
