"""The read-only catalog API at /api/v2/.

Only page fields a type lists in `api_fields` are exposed, and quiz pages list none of
their questions, so no answer key can leave through here.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
