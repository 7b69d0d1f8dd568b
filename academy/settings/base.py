"""Settings shared by every environment.

Safe for production as written: DEBUG is off and the secret key comes only from the
environment. `dev.py` and `test.py` loosen what they need; `production.py` tightens.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Ours: the project package (home page, roles, seed loading) and one app per concept.
    "academy",
    "courses",
    "quizzes",
    "learners",
    "certificates",
    "reports",
    # Sign-in: login throttling (axes), password reset, second factor.
    "accounts",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Background work (e-mail, exports, certificate files): django-tasks, with its
    # database backend so that any number of workers can share one queue.
    "django_tasks",
    "django_tasks_db",
    # Wagtail
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    # Content translation: segment by segment, PO export/import, out-of-date segments
    # (wagtail-localize; its locales app replaces wagtail.locales).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "academy.middleware.ServedByMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (site and admin policies) and Permissions-Policy headers.
    "academy.headers.SiteAndAdminCSPMiddleware",
    "academy.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached pages for anonymous visitors, before sessions, users and CSRF checks run.
    "courses.middleware.AnonymousPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.SlidingSessionMiddleware",  # sessions end after inactivity
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Second factor: django-otp marks a verified session; ours holds back one that owes it.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "academy.urls"
WSGI_APPLICATION = "academy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "academy.context_processors.navigation",
            ],
        },
    },
]

# SQLite in var/ unless DATABASE_URL names another database (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers write to one file: take the write lock when a transaction
    # starts (no "database is locked" when two readers upgrade at once), wait for it
    # rather than fail, and let readers go on while one worker writes (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out username or address is refused before its password is
    # checked, on every login form (the site's and the Wagtail admin's). AxesBackend, not the
    # standalone one: it also answers get_user, which Wagtail's test helpers ask the first
    # backend for; ModelBackend still does the logging in.
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username,
# or from one address, logins for it are refused for AXES_COOLOFF_MINUTES. Unlock earlier
# with `manage.py axes_reset_username NAME` or `axes_reset_ip ADDRESS` (see README).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
# How many proxies of ours add to X-Forwarded-For (1 behind one TLS proxy); 0 trusts none.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Second factor (django-otp, TOTP): staff may turn it on, administrators must.
ADMINISTRATORS_MUST_USE_SECOND_FACTOR = True
OTP_TOTP_ISSUER = "Cooperation Academy"

# A URL name: reversed in the language of the request, so /ru/... asks for /ru/accounts/login/.
LOGIN_URL = "login"
# The dashboard in the learner's preferred language (/ru/learn/, /uz/learn/, /learn/).
LOGIN_REDIRECT_URL = "learners:after_login"
LOGOUT_REDIRECT_URL = "/"

# Internationalisation: the interface and the courses ship in English, Russian and Uzbek.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("uz", _("Uzbek")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A new translation starts as a draft, so it goes through the "Course review" workflow
# like any page, instead of going live the moment a trainer starts translating.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Uploaded images and documents are served by Django only where nothing else serves them
# (a one-machine demo); a deployment puts a web server or object storage in front.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names let browsers cache static files forever; whitenoise serves them.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The page editor of a long quiz posts many fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Cooperation Academy"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
# No staff e-mail hashes sent to gravatar.com: the admin shows initials instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents go through Wagtail's serve view (never a redirect to the storage's URL), so that
# only logged-in users get them (accounts/wagtail_hooks.py), as attachments with nosniff and
# a Content-Security-Policy of their own. Nothing may serve MEDIA_ROOT/documents/ directly.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILAPI_LIMIT_MAX = 100

REST_FRAMEWORK = {
    # The catalog API is read-only and public; nothing in it needs a session.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
}

# Cache and sessions. With REDIS_URL every app server shares one Redis: the cache, and the
# sessions (read from Redis, written through to the database so a Redis restart logs nobody
# out). Without it, one box: a local-memory cache per process and sessions in the database,
# which every process sees.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "academy",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "academy",
            # Outlines per set of steps done and lesson frames outnumber Django's default of
            # 300 entries on a real course; past the limit the oldest third is dropped.
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "5000"))},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Without Redis, the processes of one box learn that published content changed from this
# file's modification time (see courses/caching.py).
CONTENT_GENERATION_FILE = Path(
    os.environ.get("CONTENT_GENERATION_FILE") or BASE_DIR / "var" / "content-generation"
)
# The name an app server gives itself in the X-Served-By header (set per instance behind a
# load balancer; no header when empty).
INSTANCE_NAME = os.environ.get("INSTANCE_NAME", "")
# The benchmark's SQL count per response (X-Queries header); never on in a real deployment.
BENCH = env_bool("BENCH")
SESSION_COOKIE_HTTPONLY = True
# A session ends after a working day without a request (8 hours by default), not 8 hours
# after login: accounts.middleware.SlidingSessionMiddleware pushes the end forward when the
# last push is 5 minutes old. The cost: one UPDATE of the session row per 5 minutes of
# activity (SESSION_SAVE_EVERY_REQUEST would cost one per request).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_REFRESH_SECONDS = 5 * 60
CSRF_COOKIE_HTTPONLY = False  # the lesson page's script reads it to mark a lesson done
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views allow their own same-origin frame
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp; academy/headers.py says why the admin differs).
# The learner site: our own files only; video blocks may frame the two video hosts.
VIDEO_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF, *VIDEO_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # Wagtail's preview shows site pages in a frame of the (same-origin) admin.
        "frame-ancestors": [SELF],
    }
}
ADMIN_PATH_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        # The dashboard asks Wagtail's release server whether an upgrade is out.
        "connect-src": [SELF, "https://releases.wagtail.org"],
    }
}
# Browser features the academy never uses are off for it and for anything it frames.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "fullscreen": ["self", *(f'"{origin}"' for origin in VIDEO_FRAME_SOURCES)],
}

# Outgoing mail (moderation notices to course leads, password resets). The server and its
# credentials come from the environment like every other secret.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "academy@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
# A mail server that does not answer must not hold a trainer's "submit" for minutes.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# For the file backend (the demo and the browser tests write mail to a folder).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))

# Background tasks. Production queues them in the database and `manage.py db_worker` runs
# them; development and tests run each task at once, inside the request that queued it.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Cohort reports: a learner behind schedule with no activity for this many days is at risk;
# an export of more rows than this is built in the background and offered when ready.
REPORT_AT_RISK_AFTER_DAYS = int(os.environ.get("REPORT_AT_RISK_AFTER_DAYS", "7"))
REPORT_EXPORT_BACKGROUND_ABOVE_ROWS = int(
    os.environ.get("REPORT_EXPORT_BACKGROUND_ABOVE_ROWS", "1000")
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {"level": "ERROR"},
    },
}
