from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from academy.api import api_router
from academy.language_switch import switch_language
from courses import routing

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("i18n/switch/", switch_language, name="switch_language"),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    from django.views.static import serve

    urlpatterns += [
        # Documents are for logged-in users only: they go through /documents/, never here.
        re_path(
            r"^media/(?!documents/)(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}
        ),
    ]

# What a learner reads carries its language in the URL: English at /, Russian under /ru/,
# Uzbek under /uz/. The admin, the API, documents and /i18n/ above stay unprefixed.
urlpatterns += i18n_patterns(
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Password reset and the second factor.
    path("accounts/", include("accounts.urls")),
    path("learn/", include("courses.urls")),
    path("learn/", include("learners.urls")),
    path("learn/", include("reports.urls")),
    path("learn/quizzes/", include("quizzes.urls")),
    path("", include("certificates.urls")),
    # Wagtail serves every other URL from the page tree; this stays last. Pages are found
    # through the cached route table first (courses.routing), then Wagtail's own routing,
    # which under /ru/ and /uz/ falls back to the English tree where the translated one
    # ends (courses.translations). Its _util/ URLs are Wagtail's own.
    re_path(r"^(?!_util/)(?P<path>(?:[\w\-]+/)*)$", routing.serve, name="academy_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
