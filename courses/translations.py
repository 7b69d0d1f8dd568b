"""Pages in several languages: the English page stands in for a missing translation.

A page is written in English first and translated with wagtail-localize. Until its
translation is published, a learner reading in Russian or Uzbek gets the English page under
their own prefix (/ru/..., /uz/...), with a note that it is not translated yet; links keep
them under that prefix, so the interface stays in their language.
"""

from django.conf import settings
from django.http import Http404


def language_of_path(path):
    """The language of a /ru/ or /uz/ prefix; None for an English (unprefixed) path."""
    prefix = path.lstrip("/").split("/", 1)[0]
    codes = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
    return prefix if prefix in codes else None


def language_of_url(request):
    return language_of_path(request.path_info)


def serve_with_english_fallback(request, path):
    """Wagtail's serve, routing through the English tree where the translated one ends."""
    # Imported here: this module is imported by the page models themselves.
    from wagtail.models import Page, Site
    from wagtail.views import serve as wagtail_serve

    if Page.route_for_request(request, path) is None and language_of_url(request):
        site = Site.find_for_request(request)
        components = [component for component in path.split("/") if component]
        try:
            route = site.root_page.specific.route(request, components) if site else None
        except Http404:
            route = None
        request._wagtail_route_for_request = route  # Wagtail's own cache of the route
    return wagtail_serve(request, path)


def untranslated_language(page, language):
    """The language `page` is written in when it is shown in another `language`, else "".

    An alias (the copy wagtail-localize makes of an untranslated parent) mirrors its
    English source. English pages read in English cost no query.
    """
    if page.alias_of_id:
        written_in = settings.LANGUAGE_CODE
    elif language == settings.LANGUAGE_CODE:
        return ""
    else:
        written_in = language_of_locale(page.locale_id)
    return written_in if written_in != language else ""


def _locale_languages():
    """{locale id: language code}, from the shared cache (locales hardly ever change)."""
    from wagtail.models import Locale

    from courses import caching

    return caching.shared(
        "locale-languages", build=lambda: dict(Locale.objects.values_list("pk", "language_code"))
    )


def default_locale_id():
    """The id of the default (English) locale."""
    codes = _locale_languages()
    return next(pk for pk, code in codes.items() if code == settings.LANGUAGE_CODE)


def language_of_locale(locale_id):
    """The language code of a locale."""
    return _locale_languages().get(locale_id)


class StaysInLanguageMixin:
    """Links to English pages from a page read under /ru/ or /uz/ keep that prefix."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        language = language_of_url(request) if request is not None else None
        if parts is None or not language:
            return parts
        site_id, root_url, page_path = parts
        if page_path and not language_of_path(page_path):
            page_path = f"/{language}{page_path}"
        return site_id, root_url, page_path


def content_language_names():
    return dict(settings.LANGUAGES)


def languages_of(pages):
    """{translation_key: [language codes with a live translation]} in one query."""
    from wagtail.models import Page

    codes = [code for code, _name in settings.LANGUAGES]
    found = {}
    rows = (
        Page.objects.live()
        .filter(translation_key__in=[page.translation_key for page in pages], alias_of=None)
        .values_list("translation_key", "locale__language_code")
    )
    for key, code in rows:
        found.setdefault(key, set()).add(code)
    return {
        key: [code for code in codes if code in found_codes] for key, found_codes in found.items()
    }


def in_language(pages, language):
    """`pages` with each replaced by its live translation into `language` where one exists.

    One query for the lot; each page returned keeps `source_pk`, the English page's id.
    """
    model = type(pages[0]) if pages else None
    translations = {}
    if model is not None and language != settings.LANGUAGE_CODE:
        translations = {
            page.translation_key: page
            for page in model.objects.live()
            .filter(
                translation_key__in=[page.translation_key for page in pages],
                locale__language_code=language,
                alias_of=None,
            )
            .select_related("cover_image")
            .prefetch_related("subjects")
        }
    result = []
    for page in pages:
        shown = translations.get(page.translation_key, page)
        shown.source_pk = page.pk
        result.append(shown)
    return result


def source_page(page):
    """The English page `page` translates (itself when it is English or has no source).

    Progress is one across languages: enrolments and completions are recorded against the
    English page, so a lesson done in Russian counts for the same course in English.
    """
    from wagtail.models import Page, Site

    from courses import caching

    # The site's root paths (cached by Wagtail, read once per request) name the language of
    # each tree, so an English page costs no query here.
    for root in caching.once_per_request("site-root-paths", Site.get_site_root_paths):
        if page.url_path.startswith(root.root_path):
            if root.language_code == settings.LANGUAGE_CODE:
                return page
            break

    def find():
        found = (
            Page.objects.filter(
                translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
            )
            .exclude(pk=page.pk)
            .first()
        )
        return found.specific if found else False

    # Shared like the outline: a page read in Russian finds its English source for free.
    return caching.shared("source-page", page.translation_key, build=find) or page


def translation_in(page, language):
    """The live translation of the English `page` into `language`, or `page` itself."""
    if language == settings.LANGUAGE_CODE:
        return page
    found = (
        type(page)
        .objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language, alias_of=None)
        .first()
    )
    return found or page


def titles_in(language):
    """{translation key: title} of the live pages written in `language`, shared and cached:
    an outline of English pages reads in the learner's language at no query."""
    from wagtail.models import Page

    from courses import caching

    return caching.shared(
        "titles",
        language,
        build=lambda: dict(
            Page.objects.live()
            .filter(locale__language_code=language, alias_of=None)
            .values_list("translation_key", "title")
        ),
    )


def title_in(page, language):
    """`page`'s title in `language`: its translation's where there is one."""
    if language == settings.LANGUAGE_CODE or page is None:
        return page.title if page is not None else ""
    return titles_in(language).get(page.translation_key, page.title)
