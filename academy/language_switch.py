"""The language switcher: the same page in the other language.

The URL carries the language (English at /, Russian under /ru/, Uzbek under /uz/). For a
Wagtail page the switcher leads to the page's live translation when there is one; for
everything else (and untranslated pages) to the same path with the other prefix.

The switcher is a list of links (GET), so that a page carries no per-visitor CSRF token
and is the same for every anonymous visitor: our cache and nginx's can share it. Its only
effect besides the redirect is the language cookie, a display preference that nobody
gains anything by setting for someone else; POST, the switcher's old form, still works.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from wagtail.models import Locale, Page


def _translated_page_url(request, path, language):
    route = Page.route_for_request(request, path)
    if route is None:
        return None
    page = route[0]
    target = page.get_translation_or_none(Locale.objects.filter(language_code=language).first())
    if target is None or not target.live:
        return None
    with translation.override(language):
        return target.get_url(request)


def url_in_language(request, url, language):
    """The address of `url` (a path on this site) in `language`."""
    path = urlsplit(url).path
    url_language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(url_language):
        try:
            match = resolve(path)
        except Resolver404:
            return url
        if match.url_name == "academy_serve":
            page_url = _translated_page_url(request, match.kwargs["path"], language)
            if page_url:
                return page_url
        return translate_url(url, language)


@require_http_methods(["GET", "HEAD", "POST"])
def switch_language(request):
    data = request.POST if request.method == "POST" else request.GET
    language = data.get("language", "")
    next_url = data.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(next_url)  # an unknown language changes nothing
    response = HttpResponseRedirect(url_in_language(request, next_url, language))
    # Pages without a language in their URL (the admin's login, errors) follow this choice.
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax", secure=request.is_secure()
    )
    return response
