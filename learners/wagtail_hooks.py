from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from learners import audit
from learners.choosers import RecordChooserViewSet
from learners.models import Cohort, CourseLead


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
