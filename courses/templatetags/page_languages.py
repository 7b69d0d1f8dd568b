from django import template
from django.conf import settings
from django.utils import translation

from courses.translations import language_of_path, title_in, untranslated_language

register = template.Library()


@register.simple_tag
def untranslated_from(page):
    """The language `page`'s content is in when it is not translated into the current one."""
    if page is None or not hasattr(page, "alias_of_id"):
        return ""
    return untranslated_language(page, translation.get_language())


@register.filter
def title_here(page):
    """The page's title in the language being read: outlines and links are built from the
    English pages (progress is one across languages), their titles are the reader's."""
    return title_in(page, translation.get_language())


@register.simple_tag(takes_context=True)
def url_here(context, page):
    """`page`'s URL under the prefix of the language being read (/ru/...): there, the page's
    translation answers, or the English page with its note when there is none yet."""
    url = page.get_url(context.get("request"))
    language = translation.get_language()
    reading_another = language != settings.LANGUAGE_CODE
    if reading_another and url and url.startswith("/") and not language_of_path(url):
        url = f"/{language}{url}"
    return url
