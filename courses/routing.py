"""Serving pages without walking the tree.

Wagtail routes a URL one tree level at a time (two queries per level: the child, then its
specific page), so a lesson six levels deep costs a dozen queries before it renders. Here a
cached map from URL path to page (rebuilt once per content generation, see
`courses.caching`) finds the page, and the live page itself comes from the same cache (one
query when it is cold). Wagtail's own view then serves it, with its hooks (view
restrictions, the user bar), as before. Each language has its tree (/ru/... is the Russian
tree). Whatever the map does not know (a page's sub-route, several sites, a page not
translated yet) goes through Wagtail's routing.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from courses import caching


def _route_table():
    """{language: {url_path: (page id, content type id, restricted)}} of the live pages of
    the one site: a tree per language (the English root and its translations)."""
    sites = Site.objects.select_related("root_page")
    if len(sites) != 1:
        return None
    root = sites[0].root_page
    roots = Page.objects.filter(translation_key=root.translation_key, depth=root.depth)
    restricted_paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    table = {}
    for language_root in roots.select_related("locale"):
        pages = Page.objects.live().filter(path__startswith=language_root.path)
        tree = table.setdefault(language_root.locale.language_code, {})
        for url_path, pk, content_type_id, path in pages.values_list(
            "url_path", "pk", "content_type_id", "path"
        ):
            relative = url_path[len(language_root.url_path) - 1 :]
            restricted = any(path.startswith(p) for p in restricted_paths)
            tree[relative] = (pk, content_type_id, restricted)
    return table


def route_table():
    return caching.shared("routes", reuse=True, build=lambda: _route_table() or {})


def find_live_page(path, language=None):
    """The live page at `path` ('courses/x/') in the tree of `language` (the active one),
    loaded in one query, or None (then Wagtail routes it, with the English fallback)."""
    tree = route_table().get(language or translation.get_language())
    entry = tree.get("/" + path if path else "/") if tree else None
    if entry is None:
        return None
    pk, content_type_id, restricted = entry
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    # The live row, shared like the route table: a draft lives in revisions, never here,
    # and saving a live page (publishing does) starts a new generation.
    page = caching.shared("page", pk, build=lambda: model.objects.filter(pk=pk, live=True).first())
    if page is not None and not restricted:
        page.unrestricted = True
    return page


def attach_site(request):
    """Give the request its Site from the shared cache, so page URLs cost no query."""
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = caching.shared(
            "site", request.get_host(), build=lambda: Site.find_for_request(request)
        )


def serve(request, path):
    from courses.translations import serve_with_english_fallback  # it needs the models

    response = caching.cached_anonymous_page(request)
    if response is not None:
        return response
    page = find_live_page(path)
    if page is not None:
        attach_site(request)
        request._wagtail_route_for_request = RouteResult(page)
    response = serve_with_english_fallback(request, path)
    if page is not None:
        response = caching.keep_anonymous_page(request, response)
    return response


class RoutedPageMixin:
    """A page that knows, from the route table, that no view restriction applies to it."""

    unrestricted = False

    def get_view_restrictions(self):
        if self.unrestricted:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
