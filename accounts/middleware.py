from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .two_factor import ENROL, VERIFY, pending_step


class SecondFactorMiddleware:
    """A session that owes a second factor reaches nothing but the second-factor pages
    (and logging out) until it has given one. Installed after django-otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not self._always_allowed(request.path_info):
            step = pending_step(request)
            if step == VERIFY and not request.user.is_verified():
                return self._send_to("accounts:two_factor_verify", request)
            if step == ENROL and not request.user.is_verified():
                return self._send_to("accounts:two_factor_setup", request)
        return self.get_response(request)

    @staticmethod
    def _always_allowed(path):
        allowed = (
            reverse("accounts:two_factor_setup"),
            reverse("accounts:two_factor_verify"),
            reverse("logout"),
            reverse("wagtailadmin_logout"),
            "/i18n/",
            settings.STATIC_URL,
        )
        return path.startswith(allowed)

    @staticmethod
    def _send_to(view_name, request):
        return redirect(f"{reverse(view_name)}?{urlencode({'next': request.get_full_path()})}")
