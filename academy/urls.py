from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from academy.api import api_router
from courses import routing

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("learn/", include("courses.urls")),
    path("learn/", include("learners.urls")),
    path("learn/", include("reports.urls")),
    path("learn/quizzes/", include("quizzes.urls")),
    path("", include("certificates.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    from django.views.static import serve

    urlpatterns += [
        # Documents are for logged-in users only: they go through /documents/, never here.
        re_path(
            r"^media/(?!documents/)(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}
        ),
    ]

# Wagtail serves every other URL from the page tree; this stays last. Pages are found
# through the cached route table first (courses.routing), then Wagtail's own routing.
urlpatterns += [
    re_path(r"^(?!_util/)(?P<path>(?:[\w\-]+/)*)$", routing.serve, name="academy_serve"),
    path("", include(wagtail_urls)),
]
