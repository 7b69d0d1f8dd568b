"""Exports built in the background, kept in the default storage for whoever asked for them."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def export_path(instance, filename):
    return f"exports/{instance.token}/{filename}"


class ExportFile(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="report_exports",
    )
    cohort = models.ForeignKey(
        "learners.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="exports",
    )
    format = models.CharField(_("format"), max_length=10)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.PENDING)
    file = models.FileField(_("file"), upload_to=export_path, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.cohort} · {self.format} · {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def filename(self):
        return f"report-{self.cohort_id}.{self.format}"


class DigestSent(models.Model):
    """The weekly digest of a cohort sent to one of its trainers; once a week."""

    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        on_delete=models.CASCADE,
        related_name="cohort_digests",
    )
    cohort = models.ForeignKey(
        "learners.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="digests",
    )
    week = models.DateField(_("week (its Monday)"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("weekly digest sent")
        verbose_name_plural = _("weekly digests sent")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainer", "cohort", "week"], name="one_digest_per_week"
            )
        ]

    def __str__(self):
        return f"{self.cohort} → {self.trainer} ({self.week})"
