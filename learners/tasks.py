"""Background work of the learners app, run by the task worker (or at once in development)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from django_tasks import task

from learners.models import LearnerProfile


def language_of(user):
    profile = LearnerProfile.objects.filter(user=user).first()
    return profile.preferred_language if profile else settings.LANGUAGE_CODE


def set_password_url(user):
    path = reverse(
        "learners:set_password",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@task()
def send_set_password_email(user_id):
    """Welcome a learner whose account a trainer imported: a link to choose their password."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not user.email:
        return False
    with translation.override(language_of(user)):
        context = {
            "user": user,
            "url": set_password_url(user),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        send_mail(
            _("Your account at %(site)s") % {"site": settings.WAGTAIL_SITE_NAME},
            render_to_string("learners/email/set_password.txt", context),
            None,
            [user.email],
        )
    return True


@task()
def send_assignment_reminders():
    """Daily: remind learners of assignments due in three days or overdue (once per stage)."""
    from learners.reminders import send_due_reminders

    return send_due_reminders()
