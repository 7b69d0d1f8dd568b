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

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, TranslatableMixin

from wagtail_localize.fields import TranslatableField

from quizzes import kinds
from quizzes.blocks import RubricBlock
from quizzes.kinds import QuestionKind


class Question(TranslatableMixin, ClusterableModel, Orderable):
    """One question, in one language.

    Its translations share its `translation_key` (one identity across languages): a
    translated quiz page carries translated copies of its questions, and a bank question is
    translated as a snippet. Only the words are translated; kind, marks, right answers and
    numbers are kept in step with the source by wagtail-localize, so an attempt in Russian
    is graded exactly as one in English.
    """

    quiz = ParentalKey(
        "quizzes.QuizPage",
        verbose_name=_("quiz"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questions",
    )
    category = models.ForeignKey(
        "quizzes.QuestionCategory",
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
        # The registered kinds (`quizzes.kinds`), read when the field is checked: a new
        # kind needs no migration.
        choices=kinds.field_choices,
        default=QuestionKind.SINGLE_CHOICE.value,
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

    # What a translator translates; every other field is kept as in the source question.
    translatable_fields = [
        TranslatableField("prompt"),
        TranslatableField("explanation"),
        TranslatableField("source_reference"),
        TranslatableField("feedback_true"),
        TranslatableField("feedback_false"),
        TranslatableField("accepted_answers"),
        TranslatableField("essay_guidance"),
        TranslatableField("rubric"),
        TranslatableField("model_answer"),
        TranslatableField("choices"),
    ]

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

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return Truncator(self.prompt).chars(80)

    def get_default_locale(self):
        # A new question is in its quiz's language; a bank question (no quiz) in the
        # default one. (Wagtail's own default looks the quiz up, and fails without one.)
        if self.quiz_id is not None:
            return self.quiz.locale
        return Locale.get_default()

    @property
    def accepted_answer_list(self):
        return [line.strip() for line in self.accepted_answers.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        from quizzes.rubrics import rubric_field_errors

        if self.kind not in kinds.names():
            return  # the field's own check says so
        kind = kinds.get(self.kind)
        errors = {
            **kind.field_errors(self),
            **rubric_field_errors(self, takes_rubric=kind.marked_by_person),
        }
        if errors:
            raise ValidationError(errors)


class QuestionChoice(TranslatableMixin, Orderable):
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
    translatable_fields = [
        TranslatableField("text"),
        TranslatableField("feedback"),
        TranslatableField("match_text"),
    ]

    panels = [
        FieldPanel("text"),
        FieldPanel("is_correct"),
        FieldPanel("feedback"),
        FieldPanel("match_text"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        # The order is the answer of an ordering question: never left to the database,
        # even for choices saved without a sort order (their creation order decides).
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        # A choice is in its question's language. Copying a quiz page for translation
        # relocates the page's questions but not their choices (one level only).
        if self.question is not None:
            self.locale_id = self.question.locale_id
        super().save(*args, **kwargs)
