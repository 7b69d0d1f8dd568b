from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from learners.middleware import SESSION_KEY, TIME_ZONE_SESSION_KEY
from learners.models import LearnerProfile


@receiver(user_logged_in)
def remember_preferred_language(sender, request, user, **kwargs):
    preferences = (
        LearnerProfile.objects.filter(user=user)
        .values_list("preferred_language", "time_zone")
        .first()
    )
    if preferences and request is not None:
        language, zone = preferences
        if language:
            request.session[SESSION_KEY] = language
        if zone:
            request.session[TIME_ZONE_SESSION_KEY] = zone
