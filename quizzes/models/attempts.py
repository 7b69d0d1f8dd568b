"""What learners do with quizzes: attempts, their responses, and each learner's grade.

The constraints are the last line of defence against double submissions and races: one
attempt number per learner and quiz, at most one attempt in progress, one response per
slot. The life cycle code (`quizzes.attempts`, `quizzes.marking`) locks the learner's `QuizGrade` row before
it starts an attempt and the attempt's row before it changes it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AttemptState(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_MARKING = "awaiting_marking", _("Awaiting marking")
    GRADED = "graded", _("Graded")
    ABANDONED = "abandoned", _("Never submitted")


class Attempt(models.Model):
    quiz = models.ForeignKey(
        "quizzes.QuizPage",
        verbose_name=_("quiz"),
        on_delete=models.CASCADE,
        related_name="attempts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    state = models.CharField(
        _("state"), max_length=20, choices=AttemptState.choices, default=AttemptState.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    grace_ends_at = models.DateTimeField(_("grace period ends at"), null=True, blank=True)
    saved_version = models.PositiveIntegerField(
        _("saved version"),
        default=0,
        help_text=_("Counts saves, so that a form from an older page cannot overwrite answers."),
    )
    last_saved_at = models.DateTimeField(_("last saved at"), null=True, blank=True)
    draft = models.JSONField(
        _("autosaved answers"),
        null=True,
        blank=True,
        help_text=_(
            "Answers saved while the learner works, by position, not yet written to the "
            "responses; they are written there when the form is saved or submitted."
        ),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_automatically = models.BooleanField(_("submitted when time ran out"), default=False)
    graded_at = models.DateTimeField(_("graded at"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=10, decimal_places=4, null=True, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=10, decimal_places=4, default=0)
    percent = models.DecimalField(
        _("score (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    # The language the paper was given in. The attempt counts for the quiz in every
    # language (`quiz` is the source quiz); this is for the per-language statistics.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["quiz_id", "user_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "user", "number"], name="one_attempt_per_number"
            ),
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=Q(state="in_progress"),
                name="one_open_attempt_per_learner",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "state", "number"], name="attempt_statistics")]

    def __str__(self):
        return f"{self.user} · {self.quiz_id} · #{self.number}"

    def get_absolute_url(self):
        if self.state == AttemptState.IN_PROGRESS:
            return reverse("quizzes:attempt", args=[self.pk])
        return reverse("quizzes:result", args=[self.pk])

    @property
    def is_open(self):
        return self.state == AttemptState.IN_PROGRESS

    @property
    def is_finished(self):
        return self.state in {AttemptState.GRADED, AttemptState.AWAITING_MARKING}


class Response(models.Model):
    """One question of an attempt (a slot of its paper) and the learner's answer to it."""

    attempt = models.ForeignKey(
        Attempt, verbose_name=_("attempt"), on_delete=models.CASCADE, related_name="responses"
    )
    slot = models.PositiveSmallIntegerField(
        _("slot"), help_text=_("Place in the quiz's layout, before shuffling.")
    )
    position = models.PositiveSmallIntegerField(_("position shown"))
    version = models.ForeignKey(
        "quizzes.QuestionVersion",
        verbose_name=_("question version"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    display_order = models.JSONField(_("order of choices shown"), default=list, blank=True)
    text = models.TextField(_("text answer"), blank=True)
    answered = models.BooleanField(_("answered"), default=False)
    mark = models.DecimalField(_("mark"), max_digits=9, decimal_places=4, null=True, blank=True)
    max_mark = models.DecimalField(_("maximum mark"), max_digits=6, decimal_places=2)
    marker_comment = models.TextField(_("marker's comment"), blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"), null=True, blank=True)
    rubric_levels = models.JSONField(
        _("rubric levels chosen"),
        default=list,
        blank=True,
        help_text=_("For each criterion of the version's rubric, the place of the level given."),
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["attempt_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "slot"], name="one_response_per_slot"),
            models.UniqueConstraint(
                fields=["attempt", "position"], name="one_response_per_position"
            ),
        ]

    def __str__(self):
        return f"{self.attempt} · Q{self.position}"

    @property
    def needs_marking(self):
        return self.mark is None


class ResponseChoice(models.Model):
    """A choice picked, an item placed (ordering) or a prompt matched (matching)."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="selections"
    )
    choice = models.ForeignKey(
        "quizzes.VersionChoice",
        verbose_name=_("choice"),
        on_delete=models.PROTECT,
        related_name="selections",
    )
    position = models.PositiveSmallIntegerField(_("position given"), null=True, blank=True)
    matched = models.ForeignKey(
        "quizzes.VersionChoice",
        verbose_name=_("matched with"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("selected choice")
        verbose_name_plural = _("selected choices")
        ordering = ["response_id", "choice_id"]
        constraints = [
            models.UniqueConstraint(fields=["response", "choice"], name="one_selection_per_choice")
        ]

    def __str__(self):
        return f"{self.response} → {self.choice_id}"


class QuizGrade(models.Model):
    """A learner's grade for a quiz by its grading method; its row serialises their attempts."""

    quiz = models.ForeignKey(
        "quizzes.QuizPage", verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="grades"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="quiz_grades",
    )
    percent = models.DecimalField(
        _("grade (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("quiz grade")
        verbose_name_plural = _("quiz grades")
        ordering = ["quiz_id", "user_id"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "user"], name="one_grade_per_learner")
        ]

    def __str__(self):
        return f"{self.user} · {self.quiz_id}: {self.percent}"
