"""Blocks of the question editor: an essay question's marking rubric."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class RubricLevelBlock(blocks.StructBlock):
    points = blocks.DecimalBlock(
        label=_("points"), min_value=Decimal(0), max_digits=6, decimal_places=2
    )
    description = blocks.TextBlock(
        label=_("description"), help_text=_("What an answer at this level does.")
    )

    class Meta:
        icon = "pick"
        label = _("Level")


class RubricCriterionBlock(blocks.StructBlock):
    criterion = blocks.CharBlock(label=_("criterion"), max_length=300)
    levels = blocks.ListBlock(RubricLevelBlock(), label=_("levels"), min_num=2)

    class Meta:
        icon = "list-ul"
        label = _("Criterion")


class RubricBlock(blocks.StreamBlock):
    criterion = RubricCriterionBlock()

    class Meta:
        required = False
