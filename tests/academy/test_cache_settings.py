"""REDIS_URL chooses where the cache and the sessions live; the X-Served-By header."""

import pytest

from tests.academy.test_settings import run_manage

PRINT_CACHE_AND_SESSIONS = (
    "from django.conf import settings; "
    "print(settings.CACHES['default']['BACKEND']); print(settings.SESSION_ENGINE)"
)
PRODUCTION = {"SECRET_KEY": "k3y-" + "a1B2c3D4e5F6g7H8" * 4, "ALLOWED_HOSTS": "academy.example.org"}


def settings_with(**env):
    result = run_manage("shell", "-v0", "-c", PRINT_CACHE_AND_SESSIONS, **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_with_redis_the_cache_and_the_sessions_are_shared_through_it():
    assert settings_with(REDIS_URL="redis://127.0.0.1:6379/0") == [
        "django_redis.cache.RedisCache",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_without_redis_each_process_caches_in_memory_and_sessions_stay_in_the_database():
    assert settings_with(REDIS_URL="") == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
    ]


@pytest.mark.django_db
def test_an_app_server_names_itself_when_it_has_a_name(client, settings):
    settings.INSTANCE_NAME = "app2"
    assert client.get("/").headers["X-Served-By"] == "app2"
    settings.INSTANCE_NAME = ""
    assert "X-Served-By" not in client.get("/").headers
