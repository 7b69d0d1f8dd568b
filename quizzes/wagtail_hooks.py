from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from quizzes import admin_views, audit
from quizzes.admin_forms import QuestionForm
from quizzes.models import BankQuestion, Question, QuestionCategory, QuizPage

admin_urlpatterns = [
    path("marking/", admin_views.MarkingQueueView.as_view(), name="marking"),
    path("marking/<int:response_id>/", admin_views.MarkResponseView.as_view(), name="mark"),
    path("statistics/", admin_views.StatisticsIndexView.as_view(), name="statistics_index"),
    path("statistics/<int:quiz_id>/", admin_views.QuizStatisticsView.as_view(), name="statistics"),
    path("review/", admin_views.ReviewQueueView.as_view(), name="review_queue"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("quizzes/", include((admin_urlpatterns, "quizzes_admin")))]


@hooks.register("register_log_actions")
def register_mark_actions(actions):
    audit.register_actions(actions)


@hooks.register("register_admin_menu_item")
def register_results_menu():
    menu = Menu(
        items=[
            MenuItem(
                _("Essay marking"), reverse("quizzes_admin:marking"), icon_name="edit", order=100
            ),
            MenuItem(
                _("Statistics"),
                reverse("quizzes_admin:statistics_index"),
                icon_name="table",
                order=200,
            ),
            MenuItem(
                _("Questions to review"),
                reverse("quizzes_admin:review_queue"),
                icon_name="warning",
                order=300,
            ),
        ]
    )
    return SubmenuMenuItem(_("Quiz results"), menu, icon_name="tasks", order=250)


@hooks.register("register_page_header_buttons")
def quiz_page_buttons(page, user, view_name, next_url=None):
    if page.specific_class is not QuizPage:
        return
    yield Button(
        _("Quiz statistics"),
        reverse("quizzes_admin:statistics", args=[page.pk]),
        icon_name="table",
        priority=80,
    )
    yield Button(
        _("Preview as a learner"),
        reverse("quizzes:preview", args=[page.pk]),
        icon_name="view",
        priority=81,
    )


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    list_display = ["name", "key"]
    search_fields = ["name"]


class BankQuestionViewSet(SnippetViewSet):
    """Questions kept only in a bank; a quiz's own questions are edited on its page."""

    model = BankQuestion
    icon = "help"
    list_display = ["__str__", "kind", "category", "review_by"]
    list_filter = ["kind", "category"]
    edit_handler = ObjectList(Question.panels, base_form_class=QuestionForm)


class QuestionBankGroup(SnippetViewSetGroup):
    items = (QuestionCategoryViewSet, BankQuestionViewSet)
    menu_icon = "folder-inverse"
    menu_label = _("Question bank")
    menu_order = 260


register_snippet(QuestionBankGroup)
