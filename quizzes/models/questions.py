"""Questions as trainers author them, and the frozen versions that attempts are pinned to.

A `Question` is live content: inline in a quiz page (a child in the page's cluster, so it
takes part in drafts, revisions and moderation) or, with no quiz, a question-bank item
edited as a snippet. Either may belong to a `QuestionCategory`, from which a quiz can draw
random questions.

An attempt never points at a `Question`: when an attempt starts, each question it is given
is frozen into a `QuestionVersion` (with its `VersionChoice` rows) unless an identical
version already exists. Editing a question later makes a new version for later attempts;
past attempts keep theirs, so their results never change.
"""

import hashlib
import json
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable

from quizzes.blocks import RubricBlock


class QuestionKind(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_RESPONSE = "multiple_response", _("Multiple response")
    TRUE_FALSE = "true_false", _("True or false")
    SHORT_ANSWER = "short_answer", _("Short answer")
    NUMERIC = "numeric", _("Numeric")
    ORDERING = "ordering", _("Ordering")
    MATCHING = "matching", _("Matching")
    ESSAY = "essay", _("Essay (marked by a trainer)")


# Kinds whose content is a list of `QuestionChoice` rows (choices, items or pairs).
KINDS_WITH_CHOICES = {
    QuestionKind.SINGLE_CHOICE,
    QuestionKind.MULTIPLE_RESPONSE,
    QuestionKind.ORDERING,
    QuestionKind.MATCHING,
}


class QuestionCategory(models.Model):
    """A question bank: quizzes draw random questions from it."""

    name = models.CharField(_("name"), max_length=255)
    key = models.SlugField(
        _("key"),
        max_length=255,
        unique=True,
        blank=True,
        help_text=_("A stable identifier; filled from the name when left blank."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("key"), FieldPanel("description")]

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = slugify(self.name)[:255]
        super().save(*args, **kwargs)


class Question(ClusterableModel, Orderable):
    quiz = ParentalKey(
        "quizzes.QuizPage",
        verbose_name=_("quiz"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questions",
    )
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("question bank category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        help_text=_("Put the question in a bank so that other quizzes can draw it at random."),
    )
    key = models.CharField(
        _("key"),
        max_length=100,
        blank=True,
        help_text=_("A stable identifier used by the seed content."),
    )
    kind = models.CharField(
        _("question type"),
        max_length=30,
        choices=QuestionKind.choices,
        default=QuestionKind.SINGLE_CHOICE,
    )
    prompt = models.TextField(_("question"))
    weight = models.DecimalField(
        _("marks"),
        max_digits=6,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("How many marks the question is worth."),
    )
    explanation = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("Why the right answer is right; shown after answering, as review allows."),
    )
    source_reference = models.CharField(
        _("source reference"),
        max_length=300,
        blank=True,
        help_text=_("Section and reference number of the source paper the question rests on."),
    )
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_("Law and treaties change: after this date the question is due for review."),
    )
    true_false_answer = models.CharField(
        _("the statement is"),
        max_length=5,
        blank=True,
        choices=[("true", _("True")), ("false", _("False"))],
    )
    feedback_true = models.TextField(_("feedback when answered “true”"), blank=True)
    feedback_false = models.TextField(_("feedback when answered “false”"), blank=True)
    accepted_answers = models.TextField(
        _("accepted answers"),
        blank=True,
        help_text=_("One per line; matched ignoring case and extra spaces."),
    )
    numeric_answer = models.DecimalField(
        _("numeric answer"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=20,
        decimal_places=6,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Answers within this distance of the numeric answer are right."),
    )
    essay_guidance = models.TextField(
        _("marking guidance"),
        blank=True,
        help_text=_("What a good answer covers; shown to the marker, never to the learner."),
    )
    # Essays only: how the marker scores the answer, and what the learner sees once marked.
    rubric = StreamField(
        RubricBlock(),
        blank=True,
        verbose_name=_("marking rubric"),
        help_text=_(
            "Essays only: criteria, each with levels; the marker picks one level per "
            "criterion and the mark is their sum. The marks must equal the sum of each "
            "criterion's highest level."
        ),
    )
    model_answer = RichTextField(
        _("model answer"),
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("Essays only: shown to the learner once a trainer has marked the answer."),
    )

    # A question refers to nothing worth tracing in the reference index (its category is
    # plain metadata), and scanning every question and choice made each save of a quiz slow.
    wagtail_reference_index_ignore = True

    panels = [
        FieldPanel("kind"),
        FieldPanel("prompt"),
        FieldRowPanel([FieldPanel("weight"), FieldPanel("review_by")]),
        InlinePanel(
            "choices",
            label=_("Choice, item or pair"),
            heading=_(
                "Choices (single choice, multiple response), items in the right order "
                "(ordering) or pairs (matching)"
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("true_false_answer"),
                FieldPanel("feedback_true"),
                FieldPanel("feedback_false"),
            ],
            heading=_("True or false"),
        ),
        FieldPanel("accepted_answers"),
        FieldRowPanel(
            [FieldPanel("numeric_answer"), FieldPanel("tolerance")], heading=_("Numeric")
        ),
        MultiFieldPanel(
            [FieldPanel("essay_guidance"), FieldPanel("rubric"), FieldPanel("model_answer")],
            heading=_("Essay"),
        ),
        FieldPanel("explanation"),
        FieldPanel("source_reference"),
        FieldPanel("category"),
    ]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return Truncator(self.prompt).chars(80)

    @property
    def accepted_answer_list(self):
        return [line.strip() for line in self.accepted_answers.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        from quizzes.validation import question_field_errors

        errors = question_field_errors(self)
        if errors:
            raise ValidationError(errors)


class QuestionChoice(Orderable):
    """A choice (single choice, multiple response), an item (ordering) or a pair (matching)."""

    question = ParentalKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices"
    )
    text = models.CharField(_("text"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.TextField(_("feedback"), blank=True)
    match_text = models.CharField(
        _("matching answer"),
        max_length=500,
        blank=True,
        help_text=_("Matching only: the answer that pairs with this prompt."),
    )

    wagtail_reference_index_ignore = True

    panels = [
        FieldPanel("text"),
        FieldPanel("is_correct"),
        FieldPanel("feedback"),
        FieldPanel("match_text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text


class QuestionVersion(models.Model):
    """A question frozen as an attempt was given it. Never edited once created."""

    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    fingerprint = models.CharField(_("content fingerprint"), max_length=64)
    kind = models.CharField(_("question type"), max_length=30, choices=QuestionKind.choices)
    prompt = models.TextField(_("question"))
    weight = models.DecimalField(_("marks"), max_digits=6, decimal_places=2)
    explanation = models.TextField(_("explanation"), blank=True)
    source_reference = models.CharField(_("source reference"), max_length=300, blank=True)
    accepted_answers = models.JSONField(_("accepted answers"), default=list, blank=True)
    numeric_answer = models.DecimalField(
        _("numeric answer"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    tolerance = models.DecimalField(_("tolerance"), max_digits=20, decimal_places=6, default=0)
    essay_guidance = models.TextField(_("marking guidance"), blank=True)
    rubric = models.JSONField(_("marking rubric"), default=list, blank=True)
    model_answer = models.TextField(_("model answer"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("question version")
        verbose_name_plural = _("question versions")
        ordering = ["question_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "fingerprint"], name="one_version_per_question_content"
            ),
        ]

    def __str__(self):
        return f"{Truncator(self.prompt).chars(60)} (v{self.number})"


class VersionChoice(models.Model):
    version = models.ForeignKey(
        QuestionVersion,
        verbose_name=_("question version"),
        on_delete=models.CASCADE,
        related_name="choices",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("text"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.TextField(_("feedback"), blank=True)
    match_text = models.CharField(_("matching answer"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("version choice")
        verbose_name_plural = _("version choices")
        ordering = ["version_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="one_choice_per_position")
        ]

    def __str__(self):
        return self.text


def content_fingerprint(content):
    """A stable digest of a question's gradeable content (a JSON-serialisable mapping)."""
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


class QuestionFlag(models.Model):
    """Why the statistics of a question in a quiz call for a trainer's review."""

    class Reason(models.TextChoices):
        NEGATIVE_DISCRIMINATION = "negative_discrimination", _("Negative discrimination")
        TOO_HARD = "too_hard", _("Facility under 10 %")
        TOO_EASY = "too_easy", _("Facility over 95 %")

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="flags"
    )
    quiz = models.ForeignKey(
        "quizzes.QuizPage",
        verbose_name=_("quiz"),
        on_delete=models.CASCADE,
        related_name="question_flags",
    )
    reasons = models.JSONField(_("reasons"), default=list)
    facility = models.FloatField(_("facility index"), null=True)
    discrimination = models.FloatField(_("discrimination index"), null=True)
    responses = models.PositiveIntegerField(_("responses"), default=0)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("question flag")
        verbose_name_plural = _("question flags")
        ordering = ["-computed_at"]
        constraints = [
            models.UniqueConstraint(fields=["question", "quiz"], name="one_flag_per_question_quiz")
        ]

    def __str__(self):
        return f"{self.question}: {', '.join(self.reason_labels)}"

    @property
    def reason_labels(self):
        labels = dict(self.Reason.choices)
        return [str(labels.get(code, code)) for code in self.reasons]


class BankQuestionManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(quiz__isnull=True)


class BankQuestion(Question):
    """A question that lives only in the question bank (no quiz), edited on its own."""

    objects = BankQuestionManager()

    class Meta:
        proxy = True
        verbose_name = _("bank question")
        verbose_name_plural = _("bank questions")
