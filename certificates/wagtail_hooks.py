from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from certificates import audit
from certificates.models import Certificate
from learners.choosers import RecordChooserViewSet


class CertificateForm(WagtailAdminModelForm):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the certificate is withdrawn or reinstated; kept on the record."),
    )


class CertificateEditView(EditView):
    """Withdrawing or reinstating a certificate by hand goes on the record with its reason."""

    def save_instance(self):
        revoked_before = (
            Certificate.objects.filter(pk=self.object.pk).values_list("revoked_at", flat=True).get()
        )
        certificate = super().save_instance()
        audit.record_change(
            certificate,
            revoked_before=revoked_before,
            reason=self.form.cleaned_data.get("reason", ""),
            user=self.request.user,
        )
        return certificate


class CertificateViewSet(SnippetViewSet):
    """Administrators look certificates up (and can revoke one by setting its revoked date)."""

    model = Certificate
    chooser_viewset_class = RecordChooserViewSet
    icon = "success"
    add_to_admin_menu = True
    menu_order = 270
    list_display = ["code", "learner_name", "course_title", "issued_at", "revoked_at"]
    search_fields = ["code", "learner_name", "course_title"]
    inspect_view_enabled = True
    edit_view_class = CertificateEditView
    edit_handler = ObjectList(
        [FieldPanel("revoked_at"), FieldPanel("reason")], base_form_class=CertificateForm
    )


register_snippet(CertificateViewSet)


@hooks.register("register_log_actions")
def register_certificate_actions(actions):
    audit.register_actions(actions)
