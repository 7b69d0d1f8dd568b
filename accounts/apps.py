from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and sign-in")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .two_factor import remember_step

        def decide_second_factor(sender, request, user, **kwargs):
            if request is not None and hasattr(request, "session"):
                remember_step(request, user)

        user_logged_in.connect(decide_second_factor, dispatch_uid="accounts_second_factor")
