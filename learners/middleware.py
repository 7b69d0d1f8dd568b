import zoneinfo

from django.utils import timezone

TIME_ZONE_SESSION_KEY = "time_zone"


class LearnerTimeZoneMiddleware:
    """Show dates and times in the learner's time zone.

    The zone is put in the session at login (see signals.py), so this costs no query. The
    language is not set here: the URL carries it (English at /, /ru/, /uz/).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        zone = session.get(TIME_ZONE_SESSION_KEY) if session is not None else None
        if zone:
            try:
                timezone.activate(zoneinfo.ZoneInfo(zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)
