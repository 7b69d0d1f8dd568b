"""The quiz page: a step of a module, with its questions, draw rules and settings."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.models import Orderable, Page, TranslatableMixin

from courses.models import StepPage
from quizzes.admin_forms import QuizPageForm
from quizzes.models.rules import (
    IMMEDIATE_REVIEW_WINDOW,
    REVIEW_ITEM_LABELS,
    ExpiryPolicy,
    GradingMethod,
    ReviewMoment,
    ReviewOptions,
    review_flag,
)


class QuizPage(StepPage):
    intro = models.TextField(_("introduction"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MaxValueValidator(100)]
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0 means unlimited.")
    )
    grading_method = models.CharField(
        _("grading method"),
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
        help_text=_("How the learner's grade is taken from several attempts."),
    )
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave blank for no time limit."),
    )
    expiry_policy = models.CharField(
        _("when time runs out"),
        max_length=10,
        choices=ExpiryPolicy.choices,
        default=ExpiryPolicy.AUTOSUBMIT,
    )
    grace_period_minutes = models.PositiveSmallIntegerField(
        _("grace period (minutes)"),
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_("With a grace period: an attempt not submitted by its end is abandoned."),
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)

    review_immediately_answers = review_flag("immediately", "answers", True)
    review_immediately_correctness = review_flag("immediately", "correctness", True)
    review_immediately_marks = review_flag("immediately", "marks", True)
    review_immediately_feedback = review_flag("immediately", "feedback", True)
    review_immediately_explanation = review_flag("immediately", "explanation", True)
    review_immediately_right_answer = review_flag("immediately", "right_answer", False)
    review_open_answers = review_flag("open", "answers", True)
    review_open_correctness = review_flag("open", "correctness", True)
    review_open_marks = review_flag("open", "marks", True)
    review_open_feedback = review_flag("open", "feedback", True)
    review_open_explanation = review_flag("open", "explanation", True)
    review_open_right_answer = review_flag("open", "right_answer", False)
    review_closed_answers = review_flag("closed", "answers", True)
    review_closed_correctness = review_flag("closed", "correctness", True)
    review_closed_marks = review_flag("closed", "marks", True)
    review_closed_feedback = review_flag("closed", "feedback", True)
    review_closed_explanation = review_flag("closed", "explanation", True)
    review_closed_right_answer = review_flag("closed", "right_answer", True)

    step_kind_label = _("Quiz")
    # Settings a learner may know; never the questions, so no answer key leaves the API.
    api_fields = [
        *StepPage.api_fields,
        APIField("intro"),
        APIField("pass_mark"),
        APIField("attempts_allowed"),
        APIField("time_limit_minutes"),
    ]
    base_form_class = QuizPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("estimated_minutes"),
    ]
    question_panels = [
        InlinePanel("questions", label=_("Question"), heading=_("Questions")),
        InlinePanel(
            "draw_rules",
            label=_("Random questions from a bank"),
            heading=_("Random questions"),
            help_text=_("Each attempt also gets this many questions drawn from each category."),
        ),
    ]
    rule_panels = [
        FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("attempts_allowed")]),
        FieldPanel("grading_method"),
        MultiFieldPanel(
            [
                FieldPanel("time_limit_minutes"),
                FieldPanel("expiry_policy"),
                FieldPanel("grace_period_minutes"),
            ],
            heading=_("Timing"),
        ),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Availability")),
        FieldRowPanel(
            [FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")], heading=_("Order")
        ),
        InlinePanel(
            "feedback_bands",
            label=_("Feedback band"),
            heading=_("Overall feedback by score"),
        ),
    ]
    review_panels = [
        MultiFieldPanel(
            [FieldPanel(f"review_{moment}_{item}") for item in REVIEW_ITEM_LABELS],
            heading=label,
        )
        for moment, label in ReviewMoment.choices
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(question_panels, heading=_("Questions")),
            ObjectList(rule_panels, heading=_("Rules")),
            ObjectList(review_panels, heading=_("Review options")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The quiz must close after it opens.")})

    # Availability and time.

    def is_open(self, now):
        if self.opens_at and now < self.opens_at:
            return False
        return not self.is_closed(now)

    def is_closed(self, now):
        return bool(self.closes_at and now >= self.closes_at)

    def question_count(self):
        """How many questions an attempt gets: the quiz's own and those drawn from banks."""
        return self.questions.count() + sum(rule.count for rule in self.draw_rules.all())

    def unavailable_reason(self, now, *, attempts_used=0, question_count=None):
        """Why a learner who has used `attempts_used` attempts cannot start one now, or "".

        The one rule the quiz page, the start of an attempt and the overview all ask;
        `question_count` None leaves the questions unchecked.
        """
        if not self.is_open(now):
            if self.is_closed(now):
                return gettext("This quiz is closed.")
            return gettext("This quiz is not open yet.")
        if self.attempts_allowed and attempts_used >= self.attempts_allowed:
            return gettext("You have used every attempt this quiz allows.")
        if question_count == 0:
            return gettext("This quiz has no questions yet.")
        return ""

    def deadline_for(self, started_at):
        """When an attempt started at `started_at` must be submitted: limit or closing time."""
        candidates = []
        if self.time_limit_minutes:
            candidates.append(started_at + timedelta(minutes=self.time_limit_minutes))
        if self.closes_at:
            candidates.append(self.closes_at)
        return min(candidates) if candidates else None

    def grace_end_for(self, deadline):
        if deadline is None or self.expiry_policy != ExpiryPolicy.GRACE:
            return None
        return deadline + timedelta(minutes=self.grace_period_minutes)

    # Review.

    def review_moment(self, submitted_at, now):
        if self.is_closed(now):
            return ReviewMoment.CLOSED
        if submitted_at and now - submitted_at <= IMMEDIATE_REVIEW_WINDOW:
            return ReviewMoment.IMMEDIATELY
        return ReviewMoment.OPEN

    def review_options(self, moment):
        return ReviewOptions(
            **{item: getattr(self, f"review_{moment}_{item}") for item in REVIEW_ITEM_LABELS}
        )

    def feedback_for(self, percent):
        """The overall feedback of the highest band the score reaches, or ''."""
        bands = sorted(self.feedback_bands.all(), key=lambda band: band.min_percent, reverse=True)
        return next((band.feedback for band in bands if percent >= band.min_percent), "")

    # The editor's preview panel: the paper a learner would get from this draft, rendered
    # from the page in memory (it may not be saved yet), without the course frame and
    # without recording anything; grading a preview is the "Preview as a learner" view.

    def get_preview_template(self, request, mode_name):
        return "quizzes/preview.html"

    def get_preview_context(self, request, mode_name):
        from quizzes.paper import question_fields
        from quizzes.preview import items_from_plan, new_plan

        items = items_from_plan(self, new_plan(self)) or []
        return {
            "request": request,
            "page": self,
            "quiz": self,
            "in_editor": True,
            "questions": [question_fields(item, disabled=True) for item in items],
        }

    def get_context(self, request, *args, **kwargs):
        from quizzes.overview import quiz_overview

        context = super().get_context(request, *args, **kwargs)
        # Read when a template asks: an attempt's page shares this context and never does.
        context["overview"] = SimpleLazyObject(lambda: quiz_overview(request.user, self))
        return context


class QuizFeedbackBand(TranslatableMixin, Orderable):
    quiz = ParentalKey(
        QuizPage, verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="feedback_bands"
    )
    min_percent = models.PositiveSmallIntegerField(
        _("from score (%)"),
        validators=[MaxValueValidator(100)],
        help_text=_("Shown to learners whose score is at least this."),
    )
    feedback = models.TextField(_("feedback"))

    wagtail_reference_index_ignore = True
    panels = [FieldPanel("min_percent"), FieldPanel("feedback")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("feedback band")
        verbose_name_plural = _("feedback bands")

    def __str__(self):
        return f"≥ {self.min_percent} %"


class QuizDrawRule(Orderable):
    """Draw `count` random questions from a bank category into every attempt."""

    quiz = ParentalKey(
        QuizPage, verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="draw_rules"
    )
    category = models.ForeignKey(
        "quizzes.QuestionCategory",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="draw_rules",
    )
    count = models.PositiveSmallIntegerField(
        _("number of questions"), default=1, validators=[MinValueValidator(1)]
    )

    panels = [FieldPanel("category"), FieldPanel("count")]

    class Meta(Orderable.Meta):
        verbose_name = _("random question rule")
        verbose_name_plural = _("random question rules")

    def __str__(self):
        return f"{self.count} × {self.category}"
