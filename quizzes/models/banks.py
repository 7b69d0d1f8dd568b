"""Question banks: categories of questions that quizzes draw from at random, and the bank
questions (no quiz) that trainers edit on their own, as snippets."""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from quizzes.models.questions import Question


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
