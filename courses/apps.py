from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_delete, post_save

        from wagtail.models import PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from courses import caching
        from courses.caching import invalidate

        request_started.connect(caching.request_started, dispatch_uid="courses-generations")
        request_finished.connect(caching.request_finished, dispatch_uid="courses-generations")

        # Whatever changes what the public sees makes every shared cache entry stale.
        page_published.connect(invalidate, dispatch_uid="courses-cache-published")
        page_unpublished.connect(invalidate, dispatch_uid="courses-cache-unpublished")
        post_page_move.connect(invalidate, dispatch_uid="courses-cache-moved")
        post_delete.connect(_page_changed, dispatch_uid="courses-cache-deleted")
        post_save.connect(_page_changed, dispatch_uid="courses-cache-created")
        for model in (PageViewRestriction, Site):
            post_save.connect(invalidate, sender=model, dispatch_uid=f"courses-cache-{model}")
            post_delete.connect(invalidate, sender=model, dispatch_uid=f"courses-cache-d-{model}")


def _page_changed(sender, instance, **kwargs):
    """A live page deleted, or saved without a publication (in code: seeds, tests): the
    cached live pages (`courses.routing`) must not outlive their row."""
    from wagtail.models import Page

    if isinstance(instance, Page) and instance.live:
        from courses.caching import invalidate

        invalidate()
