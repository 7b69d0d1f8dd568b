from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from learners.middleware import TIME_ZONE_SESSION_KEY
from learners.models import LearnerProfile


@receiver(user_logged_in)
def remember_time_zone(sender, request, user, **kwargs):
    """Put the learner's time zone in the session (the language is chosen at landing)."""
    zone = LearnerProfile.objects.filter(user=user).values_list("time_zone", flat=True).first()
    if zone and request is not None:
        request.session[TIME_ZONE_SESSION_KEY] = zone
