from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from learners import audit
from learners.choosers import RecordChooserViewSet
from learners.models import Cohort, CourseLead
from learners.roles import can_open_admin, follows_cohorts


class CohortViewSet(SnippetViewSet):
    model = Cohort
    chooser_viewset_class = RecordChooserViewSet
    icon = "group"
    menu_label = Cohort._meta.verbose_name_plural
    add_to_admin_menu = True
    list_display = ["name"]
    search_fields = ["name"]


register_snippet(CohortViewSet)


class CourseLeadViewSet(SnippetViewSet):
    """Administrators record which course lead answers for which course."""

    model = CourseLead
    chooser_viewset_class = RecordChooserViewSet
    icon = "user"
    menu_label = CourseLead._meta.verbose_name_plural
    add_to_admin_menu = True
    menu_order = 265
    list_display = ["user", "course"]


register_snippet(CourseLeadViewSet)


@hooks.register("register_log_actions")
def register_cohort_actions(actions):
    audit.register_actions(actions)


@hooks.register("page_frame_variant")
def header_roles(request):
    """A cached lesson frame (`courses.step_frame`) holds the header: "My cohorts" or not.
    Those who may open the admin are not framed: Wagtail's user bar shows them page actions."""
    if can_open_admin(request.user):
        return None
    return int(follows_cohorts(request.user))
