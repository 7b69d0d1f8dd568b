from django.utils.functional import SimpleLazyObject

from courses.caching import shared
from courses.models import CourseIndexPage
from courses.routing import attach_site
from learners.roles import follows_cohorts


def _catalog_url(request):
    def find():
        catalog = CourseIndexPage.objects.live().order_by("path").first()
        return catalog.get_url(request) if catalog else "/"

    return shared("catalog-url", request.get_host(), build=find)


def navigation(request):
    """Links of the site header, each looked up only if a template uses it."""
    attach_site(request)
    user = request.user
    return {
        "catalog_url": SimpleLazyObject(lambda: _catalog_url(request)),
        "follows_cohorts": SimpleLazyObject(lambda: follows_cohorts(user)),
    }
