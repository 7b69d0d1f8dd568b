from django.db import models
from django.utils.translation import gettext_lazy as _


class SeedRecord(models.Model):
    """Which version of the seed source a page was last built from."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="seed_record",
    )
    digest = models.CharField(_("source digest"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("seed record")
        verbose_name_plural = _("seed records")
        ordering = ["page_id"]

    def __str__(self):
        return f"{self.page_id}: {self.digest[:12]}"
