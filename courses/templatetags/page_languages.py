from django import template
from django.utils import translation

from courses.translations import untranslated_language

register = template.Library()


@register.simple_tag
def untranslated_from(page):
    """The language `page`'s content is in when it is not translated into the current one."""
    if page is None or not hasattr(page, "alias_of_id"):
        return ""
    return untranslated_language(page, translation.get_language())
