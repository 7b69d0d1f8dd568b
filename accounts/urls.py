"""Password reset with Django's views and our templates (the names are Django's own, which
its views reverse), and the second-factor pages under the `accounts` namespace."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .password_reset import QueuedPasswordResetForm

two_factor_patterns = [
    path("", views.two_factor_setup, name="two_factor_setup"),
    path("verify/", views.two_factor_verify, name="two_factor_verify"),
]

urlpatterns = [
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("two-factor/", include((two_factor_patterns, "accounts"))),
]
