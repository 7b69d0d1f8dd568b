from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks


@hooks.register("before_serve_document")
def documents_for_logged_in_users_only(document, request):
    """Course documents are material for officers, not for the public: log in first."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


@hooks.register("register_account_menu_item")
def two_factor_in_the_account_menu(request):
    """Staff find the second factor under their account in the Wagtail admin."""
    return {
        "url": reverse("accounts:two_factor_setup"),
        "label": _("Two-step verification"),
        "help_text": _("Give a code from an authenticator app after your password."),
    }
