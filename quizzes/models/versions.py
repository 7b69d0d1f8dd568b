"""Questions frozen as attempts were given them, and the statistics flags on questions.

An attempt never points at a live `Question`: each question it is given is frozen into a
`QuestionVersion` (with its `VersionChoice` rows), see `quizzes.versions`.
"""

from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from quizzes import kinds
from quizzes.models.questions import Question


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
    kind = models.CharField(_("question type"), max_length=30, choices=kinds.field_choices)
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
