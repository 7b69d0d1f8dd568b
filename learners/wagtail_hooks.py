from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from learners.models import Cohort


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "group"
    menu_label = Cohort._meta.verbose_name_plural
    add_to_admin_menu = True
    list_display = ["name"]
    search_fields = ["name"]


register_snippet(CohortViewSet)
