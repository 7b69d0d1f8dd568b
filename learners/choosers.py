"""Choosers for learner records that list them only to those allowed to see them.

Wagtail gives every snippet a chooser that any admin user may open; for cohorts, course
leads and certificates that would list learners' names, cohorts and certificate codes to
every trainer. These choosers answer 403 to anyone without a permission on the model.
"""

from django.core.exceptions import PermissionDenied
from django.urls import path

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import SnippetChooserViewSet


class RecordChooserViewSet(SnippetChooserViewSet):
    def get_urlpatterns(self):
        return [
            path(str(pattern.pattern), self._guarded(pattern.callback), name=pattern.name)
            for pattern in super().get_urlpatterns()
        ]

    def _guarded(self, view):
        policy = ModelPermissionPolicy(self.model)

        def guarded_view(request, *args, **kwargs):
            actions = ["add", "change", "delete", "view"]
            if not policy.user_has_any_permission(request.user, actions):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded_view
