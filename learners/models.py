"""Who the learners are (their profile) and how trainers follow them (cohorts)."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel


def validate_time_zone(value):
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(zone)s” is not a time zone."), params={"zone": value})


class LearnerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="learner_profile",
    )
    agency = models.CharField(_("agency"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    rank = models.CharField(_("rank"), max_length=100, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("For example Asia/Tashkent. Dates and deadlines are shown in it."),
    )
    reminders_enabled = models.BooleanField(
        _("e-mail me reminders of due assignments"), default=True
    )

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")

    def __str__(self):
        return str(self.user)


class Cohort(ClusterableModel):
    """A group of learners taking courses together, followed by its trainers."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    learners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learners"),
        related_name="cohorts",
        blank=True,
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        related_name="trained_cohorts",
        blank=True,
    )
    courses = models.ManyToManyField(
        "courses.CoursePage",
        verbose_name=_("courses"),
        related_name="cohorts",
        blank=True,
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("courses"),
        InlinePanel("assignments", label=_("Assigned courses")),
        FieldPanel("trainers"),
        FieldPanel("learners"),
    ]

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("learners:cohort_detail", args=[self.pk])

    def report_courses(self):
        """The courses a cohort is followed in: those it takes and those assigned to it."""
        from courses.models import CoursePage

        return (
            CoursePage.objects.live()
            .filter(models.Q(cohorts=self) | models.Q(cohort_assignments__cohort=self))
            .distinct()
            .order_by("path")
        )


class Assignment(models.Model):
    """A course a cohort must take, by an optional due date (the end of that day, locally)."""

    cohort = ParentalKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="assignments"
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="cohort_assignments",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    panels = [FieldPanel("course"), FieldPanel("due_date")]

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "course"], name="one_assignment_per_course")
        ]

    def __str__(self):
        return f"{self.cohort} → {self.course}"


class ReminderSent(models.Model):
    """A reminder e-mailed to a learner about an assignment; one per stage, never twice."""

    class Stage(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="assignment_reminders",
    )
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage)
    due_date = models.DateField(_("due date"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "assignment", "stage", "due_date"], name="one_reminder_per_stage"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.assignment} · {self.stage}"


class CourseLead(models.Model):
    """A course lead answers for one course, and sees the records of all its learners."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("course lead"),
        on_delete=models.CASCADE,
        related_name="led_courses",
        limit_choices_to={"groups__name": "Course leads"},
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="leads",
    )

    panels = [FieldPanel("user"), FieldPanel("course")]

    class Meta:
        verbose_name = _("course lead")
        verbose_name_plural = _("course leads")
        ordering = ["course__title", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_lead_row_per_course")
        ]

    def __str__(self):
        return f"{self.user} → {self.course}"
