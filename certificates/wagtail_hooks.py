from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from certificates.models import Certificate


class CertificateViewSet(SnippetViewSet):
    """Administrators look certificates up (and can revoke one by setting its revoked date)."""

    model = Certificate
    icon = "success"
    add_to_admin_menu = True
    menu_order = 270
    list_display = ["code", "learner_name", "course_title", "issued_at", "revoked_at"]
    search_fields = ["code", "learner_name", "course_title"]
    inspect_view_enabled = True
    panels = [FieldPanel("revoked_at")]


register_snippet(CertificateViewSet)
