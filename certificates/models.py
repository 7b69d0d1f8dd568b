"""Certificates: proof, checkable by anyone with the code, that a learner completed a course."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

# Unambiguous letters and digits (no 0/O, 1/I/L), read aloud or typed from paper.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_code():
    groups = ["".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(4)]
    return "-".join(groups)


class Certificate(models.Model):
    # A certificate refers to nothing an editor would look up usages of.
    wagtail_reference_index_ignore = True

    code = models.CharField(_("verification code"), max_length=19, unique=True, default=new_code)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    # What the certificate says stays as issued, whatever later happens to the account or page.
    learner_name = models.CharField(_("learner's name"), max_length=300)
    course_title = models.CharField(_("course title"), max_length=255)
    # The course's title in each language it was published in when the certificate was
    # issued ({"ru": "...", "uz": "..."}): the certificate reads in the learner's language.
    course_titles = models.JSONField(_("course title by language"), default=dict, blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_certificate_per_course")
        ]

    def __str__(self):
        return f"{self.code}: {self.learner_name}, {self.course_title}"

    def get_absolute_url(self):
        return reverse("certificates:verify", args=[self.code])

    def course_title_in(self, language):
        """The course title as issued, in `language` where the course had one."""
        return self.course_titles.get(language) or self.course_title

    @property
    def is_valid(self):
        return self.revoked_at is None


@register_setting(icon="success")
class AcademySettings(BaseSiteSetting):
    """Who issues the certificates: set once per site under Settings in the admin."""

    academy_name = models.CharField(
        _("academy's name"), max_length=200, default="Cooperation Academy"
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signatory_name = models.CharField(_("signatory's name"), max_length=200, blank=True)
    signatory_title = models.CharField(
        _("signatory's title"),
        max_length=200,
        blank=True,
        help_text=_("For example: Director of Training."),
    )

    panels = [
        FieldPanel("academy_name"),
        FieldPanel("logo"),
        FieldPanel("signatory_name"),
        FieldPanel("signatory_title"),
    ]

    class Meta:
        verbose_name = _("certificate issuer")
        verbose_name_plural = _("certificate issuers")
