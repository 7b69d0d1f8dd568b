import zoneinfo

from django.conf import settings
from django.utils import timezone, translation

SESSION_KEY = "preferred_language"
TIME_ZONE_SESSION_KEY = "time_zone"


class PreferredLanguageMiddleware:
    """Speak the learner's preferred language and show their time zone.

    Both are put in the session at login (see signals.py), so this costs no query.
    An explicit choice of language (the language cookie) always wins.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        preferred = session.get(SESSION_KEY) if session is not None else None
        if preferred and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            translation.activate(preferred)
            request.LANGUAGE_CODE = translation.get_language()
        zone = session.get(TIME_ZONE_SESSION_KEY) if session is not None else None
        if zone:
            try:
                timezone.activate(zoneinfo.ZoneInfo(zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)
