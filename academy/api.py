"""The read-only catalog API at /api/v2/.

Only page fields a type lists in `api_fields` are exposed, and quiz pages list none of
their questions, so no answer key can leave through here.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet


class CatalogPagesAPIViewSet(PagesAPIViewSet):
    # Listings carry each page's parent, so another system can rebuild the tree from them.
    detail_only_fields = []
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "parent"]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CatalogPagesAPIViewSet)
