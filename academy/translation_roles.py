"""A translated page tree gets the roles and the workflow of its English source.

Trainers may edit pages under the English catalog and course pages go through the "Course
review" workflow attached to the English home page (see migration 0002). When
wagtail-localize first copies the home page or the catalog into Russian or Uzbek, the copy
receives the same page permissions and the same workflow, so a trainer can edit the
translation and a course lead approves it exactly as in English.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.models import GroupPagePermission, Page, WorkflowPage


def share_roles_with_translation(page):
    """Copy the page permissions and workflow of `page`'s source locale onto `page`."""
    sources = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    for permission in GroupPagePermission.objects.filter(page__in=sources):
        GroupPagePermission.objects.get_or_create(
            group_id=permission.group_id, page=page, permission_id=permission.permission_id
        )
    workflow_page = WorkflowPage.objects.filter(page__in=sources).first()
    if workflow_page and not WorkflowPage.objects.filter(page=page).exists():
        WorkflowPage.objects.create(page=page, workflow_id=workflow_page.workflow_id)


@receiver(post_save)
def _on_page_created(sender, instance, created, raw=False, **kwargs):
    # Only the first save of a copy in another locale; depth 2 and 3 are the home page
    # and the catalog, the only pages roles and workflows are attached to.
    is_new_root = created and not raw and isinstance(instance, Page) and instance.depth in (2, 3)
    if is_new_root and instance.get_translations().exists():
        share_roles_with_translation(instance)
