"""Production: every secret from the environment, HTTPS everywhere.

Refuses to start without SECRET_KEY and ALLOWED_HOSTS rather than run insecurely, and
refuses a SECRET_KEY that is short, repetitive or one of the examples people copy.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

# Words that mark a key as an example or a placeholder: the keys of dev.py and test.py,
# the empty line of .env.example filled in by hand, and the usual "change me" values.
PLACEHOLDER_KEY_MARKERS = ("not-secret", "changeme", "change-me", "placeholder", "example")
MIN_SECRET_KEY_LENGTH = 50


def weak_secret_key_reason(key):
    """Why `key` must not sign production sessions, or "" when it will do."""
    if not key:
        return "Set the SECRET_KEY environment variable."
    if key.startswith("django-insecure-"):
        return "SECRET_KEY is Django's generated development key (django-insecure-...)."
    if any(marker in key.lower() for marker in PLACEHOLDER_KEY_MARKERS):
        return "SECRET_KEY is an example or placeholder value."
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < 5:
        return (
            f"SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} random characters, e.g. "
            '`python -c "import secrets; print(secrets.token_urlsafe(50))"`.'
        )
    return ""


if reason := weak_secret_key_reason(SECRET_KEY):  # noqa: F405
    raise ImproperlyConfigured(reason)
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("Set the ALLOWED_HOSTS environment variable (comma-separated).")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
# Only a local demo over plain HTTP turns these off (SECURE_COOKIES=0).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)  # noqa: F405
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)  # noqa: F405
