"""Password reset that tells nobody whether an address is registered.

Django's PasswordResetForm looks the address up, makes a token and sends the mail inside
the request, so a registered address answers measurably slower than an unknown one. Here the
request only queues one task with the address it was given, whatever it is; the task, run
by `manage.py db_worker` in production, does the lookup and sends the mail.
"""

from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext

from django_tasks import task

SUBJECT_TEMPLATE = "registration/password_reset_subject.txt"
EMAIL_TEMPLATE = "registration/password_reset_email.html"


class QueuedPasswordResetForm(PasswordResetForm):
    """Queues the reset mail for any well-formed address and does nothing else in the request."""

    def save(self, request=None, use_https=False, domain_override=None, **kwargs):
        send_password_reset_email.enqueue(
            email=self.cleaned_data["email"],
            domain=domain_override or request.get_host(),
            use_https=use_https,
            language=translation.get_language(),
        )


@task()
def send_password_reset_email(email, domain, use_https, language):
    """Mail a reset link to every active account with this address (none if it is unknown)."""
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    with translation.override(language):
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name=SUBJECT_TEMPLATE,
            email_template_name=EMAIL_TEMPLATE,
            extra_email_context={"site_name": gettext("Cooperation Academy")},
        )
