from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def on_login(sender, request, user, **kwargs):
    """At login: decide the second-factor step and start the session's inactivity clock."""
    from .middleware import stamp_session
    from .two_factor import remember_step

    if request is not None and hasattr(request, "session"):
        remember_step(request, user)
        stamp_session(request.session)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and sign-in")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(on_login, dispatch_uid="accounts_on_login")
