"""A translation made in wagtail-localize's editor goes to review like any page.

wagtail-localize's translation editor replaces a translated page's edit view: it saves
each segment as the translator fills it in and offers "Publish" to those who may publish,
but it has no way to submit the page to a moderation workflow. A trainer (who may edit,
not publish) therefore gets a "Submit translation to review" action on the translated
page: it writes the translation's current segments into a draft revision of the page and
starts the page's workflow ("Course review") on it, so a course lead approves and publishes
the translation exactly as an English page.

wagtail-localize's "Sync translated pages" offers "Publish immediately" to whoever may
translate; here it is offered only to those who may publish every translated page (a
trainer's sync leaves drafts, which go to review as above).
"""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.forms import HiddenInput
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.widgets import Button
from wagtail.models import Page

from wagtail_localize.models import Translation
from wagtail_localize.views.update_translations import UpdateTranslationsView


def translation_of(page):
    """The wagtail-localize translation whose target is `page`, or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def can_submit_translation(page, user):
    """`user` may send the translation `page` to its workflow now."""
    if not page.permissions_for_user(user).can_edit():
        return False
    workflow = page.get_workflow()
    if workflow is None or not workflow.active or page.workflow_in_progress:
        return False
    return translation_of(page) is not None


def submit_translation(page, user):
    """Save the translation's segments as a draft of `page` and start its workflow."""
    translation_of(page).save_target(user=user, publish=False)
    page = Page.objects.get(pk=page.pk).specific
    page.get_workflow().start(page, user)
    return page


def submit_translation_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_submit_translation(page, request.user):
        raise PermissionDenied
    workflow = page.get_workflow()
    if request.method == "POST":
        submit_translation(page, request.user)
        messages.success(
            request,
            _("The translation '%(title)s' was submitted to %(workflow)s.")
            % {"title": page.get_admin_display_title(), "workflow": workflow.name},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "courses/admin/submit_translation.html",
        {"page": page, "workflow": workflow, "locale": page.locale},
    )


class ReviewedUpdateTranslationsView(UpdateTranslationsView):
    """ "Sync translated pages", publishing at once only for those who may publish."""

    def may_publish_translations(self):
        for translation in self.object.translations.filter(enabled=True):
            try:
                target = translation.get_target_instance()
            except ObjectDoesNotExist:
                continue
            if (
                isinstance(target, Page)
                and not target.permissions_for_user(self.request.user).can_publish()
            ):
                return False
        return True

    def get_form(self):
        form = super().get_form()
        if not self.may_publish_translations():
            # Not offered, and its value stays False whatever is posted.
            field = form.fields["publish_translations"]
            field.disabled = True
            field.widget = HiddenInput()
        return form


urlpatterns = [
    # Ahead of wagtail-localize's own view at the same address (courses comes before
    # wagtail_localize in INSTALLED_APPS, so its admin URLs are matched first).
    path(
        "localize/update/<int:translation_source_id>/",
        ReviewedUpdateTranslationsView.as_view(),
        name="courses_update_translations",
    ),
    path(
        "translations/<int:page_id>/submit/",
        submit_translation_view,
        name="courses_submit_translation",
    ),
]


def header_buttons(page, user, view_name=None, next_url=None):
    """The action in the page's header (also shown above wagtail-localize's editor)."""
    if can_submit_translation(page.specific, user):
        yield Button(
            gettext_lazy("Submit translation to review"),
            reverse("courses_submit_translation", args=[page.pk]),
            icon_name="resubmit",
            priority=5,
        )
