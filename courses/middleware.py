"""Anonymous visitors get a cached page before the session, user and CSRF machinery runs.

`courses.caching` keeps the page an anonymous visitor was served (catalog, courses,
modules). The view already answers from it; this middleware answers earlier, right after
the security headers' middleware, so that a cached page costs only the cache read. It
does for that response what the middleware it skips would have done: the language from
the URL (as LocaleMiddleware with `i18n_patterns`), `X-Frame-Options`, `Content-Length`
and `Vary`. A cached page has no CSRF token (`courses.caching` keeps none that has), so
the CSRF middleware has nothing to do for it. Anything else (a session or messages cookie,
a query string, a POST, a page not cached yet) goes the usual way.
"""

from django.conf import settings
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from courses import caching


class AnonymousPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.frame_options = XFrameOptionsMiddleware(get_response)

    def __call__(self, request):
        if not caching.is_anonymous_visit(request):
            return self.get_response(request)
        from_path = translation.get_language_from_path(request.path_info)
        language = from_path or settings.LANGUAGE_CODE
        with translation.override(language):
            response = caching.cached_anonymous_page(request)
        if response is None:
            return self.get_response(request)
        request.LANGUAGE_CODE = language
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"] if from_path else ["Cookie", "Accept-Language"])
        response.headers["Content-Length"] = str(len(response.content))
        return self.frame_options.process_response(request, response)
