"""Tests: fast hashing, in-memory mail and cache, a database from DATABASE_URL or SQLite."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="academy-test-media-")
CONTENT_GENERATION_FILE = Path(tempfile.mkdtemp(prefix="academy-test-cache-")) / "generation"
STATIC_ROOT = tempfile.mkdtemp(prefix="academy-test-static-")
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "WARNING")
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The test client's login() passes no request, which axes refuses; see tests/login_backend.py.
AUTHENTICATION_BACKENDS = [
    "tests.login_backend.AxesBackendForTestClientLogin",
    "django.contrib.auth.backends.ModelBackend",
]
# Tests log administrators in with force_login; tests/academy/test_two_factor.py turns the
# rule back on to show it. Production cannot turn it off (no variable reads it).
ADMINISTRATORS_MUST_USE_SECOND_FACTOR = False
