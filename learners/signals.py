from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from learners.middleware import SESSION_KEY
from learners.models import LearnerProfile


@receiver(user_logged_in)
def remember_preferred_language(sender, request, user, **kwargs):
    language = (
        LearnerProfile.objects.filter(user=user)
        .values_list("preferred_language", flat=True)
        .first()
    )
    if language and request is not None:
        request.session[SESSION_KEY] = language
