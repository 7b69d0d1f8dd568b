from django.contrib.auth.views import redirect_to_login

from wagtail import hooks


@hooks.register("before_serve_document")
def documents_for_logged_in_users_only(document, request):
    """Course documents are material for officers, not for the public: log in first."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None
