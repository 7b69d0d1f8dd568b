from django.conf import settings
from django.utils import translation

SESSION_KEY = "preferred_language"


class PreferredLanguageMiddleware:
    """Speak the learner's preferred language unless they chose another in this browser.

    The language is put in the session at login (see signals.py), so this costs no query.
    An explicit choice (the language cookie) always wins.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        preferred = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if preferred and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            translation.activate(preferred)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
