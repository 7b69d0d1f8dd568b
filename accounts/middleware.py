import time

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


SESSION_REFRESHED_AT = "academy_session_refreshed_at"


def stamp_session(session):
    session[SESSION_REFRESHED_AT] = int(time.time())


class SlidingSessionMiddleware:
    """A session ends after SESSION_COOKIE_AGE without a request, not after login.

    Django's SESSION_SAVE_EVERY_REQUEST would write the session row on every request; this
    pushes the end forward only when the last push is SESSION_REFRESH_SECONDS old, so a busy
    learner costs one write every few minutes and the session still ends between
    AGE - REFRESH and AGE after the last request. Installed after SessionMiddleware, whose
    response handling then saves the session with a fresh expiry and cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a session this request already loaded: reading one costs no extra query.
        if session is not None and session.accessed and session.session_key:
            last = session.get(SESSION_REFRESHED_AT, 0)
            if session.modified or time.time() - last >= settings.SESSION_REFRESH_SECONDS:
                stamp_session(session)
        return response
