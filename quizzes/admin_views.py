"""Trainer views in the Wagtail admin: essay marking, quiz statistics, question review.

Whose attempts a user sees is `learners.scope`'s rule (administrators all, course leads
those of the courses they lead, trainers those of their cohorts' learners). Anything else
is a 404, so ids tell nothing.
"""

from django.conf import settings
from django.contrib import messages
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.translations import source_page
from quizzes import audit, kinds
from quizzes.content import data_from_version
from quizzes.forms import MarkingForm
from quizzes.marking import MarkingError, mark_response, mark_with_rubric
from quizzes.models import (
    AttemptState,
    BankQuestion,
    Question,
    QuestionFlag,
    QuizPage,
    Response,
)
from quizzes.permissions import attempt_filter, followed_quizzes, scope_for
from quizzes.rubric_forms import RubricMarkingForm
from quizzes.rubrics import RubricError, rubric_total
from quizzes.statistics import quiz_statistics, refresh_flags

RECENTLY_MARKED = 20


def essay_responses(user):
    return (
        Response.objects.filter(attempt_filter(user))
        .filter(version__kind__in=kinds.marked_by_person())
        .exclude(attempt__state=AttemptState.IN_PROGRESS)
        .exclude(attempt__state=AttemptState.ABANDONED)
        .select_related("attempt", "attempt__user", "attempt__quiz", "version")
    )


class MarkingQueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "quizzes/admin/marking_queue.html"
    page_title = gettext_lazy("Essay marking")
    header_icon = "edit"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        responses = essay_responses(self.request.user)
        context["waiting"] = responses.filter(
            mark__isnull=True, attempt__state=AttemptState.AWAITING_MARKING
        ).order_by("attempt__submitted_at", "position")
        context["marked"] = responses.filter(mark__isnull=False, answered=True).order_by(
            "-marked_at"
        )[:RECENTLY_MARKED]
        return context


class MarkResponseView(WagtailAdminTemplateMixin, FormView):
    template_name = "quizzes/admin/mark_response.html"
    page_title = gettext_lazy("Mark an essay")
    header_icon = "edit"
    form_class = MarkingForm

    def dispatch(self, request, *args, **kwargs):
        self.response = get_object_or_404(essay_responses(request.user), pk=kwargs["response_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quizzes_admin:marking"), "label": _("Essay marking")},
            {"url": "", "label": self.page_title},
        ]

    def get_form_class(self):
        return RubricMarkingForm if self.response.version.rubric else MarkingForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["remark"] = self.response.marked_at is not None  # a re-mark needs a reason
        if self.response.version.rubric:  # the mark is the sum of the levels picked
            kwargs["version"] = self.response.version
            if self.response.mark is not None:
                kwargs["initial"] = RubricMarkingForm.initial_for(self.response)
            return kwargs
        kwargs["max_mark"] = self.response.max_mark
        if self.response.mark is not None:
            kwargs["initial"] = {
                "mark": self.response.mark,
                "comment": self.response.marker_comment,
            }
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["response"] = self.response
        context["question"] = data_from_version(self.response.version)
        context["rubric_total"] = rubric_total(self.response.version.rubric)
        context["history"] = audit.mark_history(self.response)
        return context

    def form_valid(self, form):
        if isinstance(form, RubricMarkingForm):
            try:
                attempt = mark_with_rubric(
                    self.response,
                    picks=form.cleaned_data["picks"],
                    comment=form.cleaned_data["comment"],
                    marker=self.request.user,
                    reason=form.cleaned_data["reason"],
                )
            except RubricError as error:
                form.add_rubric_errors(error)
                return self.form_invalid(form)
            except MarkingError as error:
                form.add_error(None, error.message)
                return self.form_invalid(form)
            return self.marked(attempt)
        try:
            attempt = mark_response(
                self.response,
                mark=form.cleaned_data["mark"],
                comment=form.cleaned_data["comment"],
                marker=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except MarkingError as error:
            form.add_error("mark", error.message)
            return self.form_invalid(form)
        return self.marked(attempt)

    def marked(self, attempt):
        if attempt.state == AttemptState.GRADED:
            messages.success(
                self.request,
                _("Mark saved. The attempt is graded: %(percent)s %%.")
                % {"percent": attempt.percent},
            )
        else:
            messages.success(self.request, _("Mark saved. Other answers still wait for marking."))
        return redirect("quizzes_admin:marking")


class StatisticsIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "quizzes/admin/statistics_index.html"
    page_title = gettext_lazy("Quiz statistics")
    header_icon = "table"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # One entry per quiz: a translation's figures are its source quiz's.
        context["quizzes"] = (
            followed_quizzes(self.request.user)
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .order_by("path")
        )
        return context


class QuizStatisticsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "quizzes/admin/statistics.html"
    page_title = gettext_lazy("Quiz statistics")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        # A translated quiz's statistics are its source quiz's: one quiz in every language.
        self.quiz = source_page(get_object_or_404(QuizPage, pk=kwargs["quiz_id"]))
        self.scope = scope_for(request.user, self.quiz)
        if self.scope is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.quiz.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quizzes_admin:statistics_index"), "label": _("Quiz statistics")},
            {"url": "", "label": self.quiz.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        all_attempts = self.request.GET.get("attempts") == "all"
        stats = quiz_statistics(self.quiz, all_attempts=all_attempts, user_ids=self.scope.user_ids)
        context.update(quiz=self.quiz, stats=stats, scope=self.scope, all_attempts=all_attempts)
        return context

    def post(self, request, *args, **kwargs):
        """Flag the quiz's questions for review from its statistics now, not only nightly."""
        # Only figures over everyone's attempts may flag a question for review.
        if not self.scope.everyone:
            raise Http404
        refresh_flags(self.quiz, quiz_statistics(self.quiz))
        messages.success(request, _("The review flags of this quiz are up to date."))
        return redirect("quizzes_admin:statistics", self.quiz.pk)


def _edit_url(question):
    if question.quiz_id:
        return reverse("wagtailadmin_pages:edit", args=[question.quiz_id])
    return reverse(BankQuestion.snippet_viewset.get_url_name("edit"), args=[question.pk])


class ReviewQueueView(WagtailAdminTemplateMixin, TemplateView):
    """Questions past their review-by date, or flagged by their statistics."""

    template_name = "quizzes/admin/review_queue.html"
    page_title = gettext_lazy("Questions to review")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        mine = Q(quiz__in=followed_quizzes(user).values("pk"))
        if user.has_perm("quizzes.change_question"):
            mine |= Q(quiz__isnull=True)
        questions = (
            Question.objects.filter(mine)
            .filter(
                Q(review_by__lte=today)
                | Exists(QuestionFlag.objects.filter(question=OuterRef("pk")))
            )
            .select_related("quiz", "category")
            .prefetch_related("flags")
            .order_by("review_by", "pk")
        )
        context["questions"] = [
            {
                "question": question,
                "overdue": question.review_by is not None and question.review_by <= today,
                "flags": list(question.flags.all()),
                "edit_url": _edit_url(question),
            }
            for question in questions
        ]
        return context
