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


class TranslationSeedRecord(models.Model):
    """Which version of a translation seed file a translation was last made from."""

    translation = models.OneToOneField(
        "wagtail_localize.Translation",
        verbose_name=_("translation"),
        on_delete=models.CASCADE,
        related_name="seed_record",
    )
    digest = models.CharField(_("source digest"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("translation seed record")
        verbose_name_plural = _("translation seed records")
        ordering = ["translation_id"]

    def __str__(self):
        return f"{self.translation_id}: {self.digest[:12]}"
