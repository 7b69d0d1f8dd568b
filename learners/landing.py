"""Where a learner lands after login: the dashboard in their preferred language.

Preferred means the language of their profile, then the first of the browser's
Accept-Language the academy speaks, then English.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

from learners.models import LearnerProfile


def preferred_language(user, accept_language=""):
    supported = dict(settings.LANGUAGES)
    chosen = (
        LearnerProfile.objects.filter(user=user)
        .values_list("preferred_language", flat=True)
        .first()
    )
    if chosen in supported:
        return chosen
    for code, _quality in parse_accept_lang_header(accept_language):
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def landing_url(user, accept_language=""):
    with translation.override(preferred_language(user, accept_language)):
        return reverse("courses:dashboard")
