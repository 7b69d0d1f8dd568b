"""Who the learners are (their profile) and how trainers follow them (cohorts)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel


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

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")

    def __str__(self):
        return str(self.user)


class Cohort(models.Model):
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


def cohorts_visible_to(user):
    """The cohorts `user` may follow; the rule lives in `learners.scope`."""
    from learners.scope import visible_cohorts

    return visible_cohorts(user)
