"""Caches of what every learner shares, and the one switch that invalidates them all.

Every entry is keyed by the *content generation*, a number that changes whenever a page is
published, unpublished, moved or deleted, or a view restriction changes. One bump makes
every shared entry (the route table, course outlines, lesson bodies, anonymous pages) stale
at once, on every app server: with Redis the number lives in Redis; with the local-memory
cache of one box it is the modification time of a small file that every process stats.

Nothing per learner (enrolments, completions, attempts) is ever cached here.
"""

import contextlib
import logging
import os
import re
import threading
import time
from collections import OrderedDict
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)
GENERATION_KEY = "courses:content-generation"
TIMEOUT = 60 * 60 * 24
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


CONTENT = "content"


def _cache_is_shared():
    return "locmem" not in settings.CACHES["default"]["BACKEND"]


def _generation_file(kind):
    path = Path(settings.CONTENT_GENERATION_FILE)
    return path if kind == CONTENT else path.with_name(f"{path.name}-{kind}")


def _generation_key(kind):
    return GENERATION_KEY if kind == CONTENT else f"{GENERATION_KEY}:{kind}"


# Within one request the generations, and each shared value, are read once (from Redis, a
# round trip each time): `request_started` opens this per-thread memo and
# `request_finished` closes it; a bump in the request clears the generation, and so changes
# every key. Outside a request (tasks, commands) every read asks again.
_request = threading.local()


def request_started(**_signal_kwargs):
    _request.generations = {}
    _request.values = {}


def request_finished(**_signal_kwargs):
    _request.generations = None
    _request.values = None


def once_per_request(name, build):
    """`build()`, called once in a request (and every time outside one)."""
    this_request = getattr(_request, "values", None)
    if this_request is None:
        return build()
    key = ("once", name)
    if key not in this_request:
        this_request[key] = build()
    return this_request[key]


def content_generation(kind=CONTENT):
    """The current generation of `kind`: content (pages), or another kind of shared fact."""
    memo = getattr(_request, "generations", None)
    if memo is None:
        return _read_generation(kind)
    if kind not in memo:
        memo[kind] = _read_generation(kind)
    return memo[kind]


def _read_generation(kind):
    if not _cache_is_shared():
        try:
            return os.stat(_generation_file(kind)).st_mtime_ns
        except OSError:  # not written yet (or cannot be)
            return 0
    key = _generation_key(kind)
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), timeout=None)
        value = cache.get(key)
    return value


def _bump(kind=CONTENT):
    try:
        _write_generation(kind)
    finally:
        if getattr(_request, "generations", None):
            _request.generations.pop(kind, None)


def _write_generation(kind):
    if not _cache_is_shared():
        path = _generation_file(kind)
        try:
            # Never behind the generation another process wrote (read before touching).
            stamp = max(time.time_ns(), _read_generation(kind) + 1)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
            os.utime(path, ns=(stamp, stamp))
        except OSError:
            # A read-only folder must not break publishing: this process forgets what it
            # cached, and the others keep theirs until it expires (set REDIS_URL instead).
            logger.warning("Cannot write %s; only this process's cache is cleared.", path)
            cache.clear()
        return
    try:
        cache.incr(_generation_key(kind))
    except ValueError:  # evicted or never set
        cache.set(_generation_key(kind), time.time_ns(), timeout=None)


def invalidate(kind=CONTENT, **_signal_kwargs):
    """Make every shared entry of `kind` stale: now, and again once the change is
    committed, so that a request that rebuilt an entry from the old rows in between does
    not keep it."""
    _bump(kind)
    transaction.on_commit(lambda: _bump(kind))


# What this process read last, by cache key: read-only values (the route table, outlines,
# lesson frames) are reused without asking the shared cache again, which saves a round trip
# to Redis and unpickling on every request (an outline is a list of pages). A key holds
# its generation, so a value is never stale while its key is asked for; only the
# local-memory cache can be cleared without a new generation (a generation file that
# cannot be written), so there the key must still be in it. The least recently used go
# first.
_unpickled = OrderedDict()
_UNPICKLED_MAX = 512


_MISSING = object()


def _reused(key):
    try:  # another thread of the process may drop the key at any moment
        value = _unpickled[key]
        _unpickled.move_to_end(key)
    except KeyError:
        return _MISSING
    if not _cache_is_shared() and not cache.has_key(key):
        return _MISSING
    return value


def shared(name, *parts, build, kind=CONTENT, reuse=False):
    """The cached value of `build()` for the current generation of `kind`.

    With `reuse`, this process keeps the value it read and hands the same object to every
    request of that generation: only for values nobody modifies.
    """
    key = ":".join(["courses", kind, str(content_generation(kind)), name, *map(str, parts)])
    if reuse and (value := _reused(key)) is not _MISSING:
        return value
    this_request = getattr(_request, "values", None)
    if this_request is not None and key in this_request:
        return this_request[key]
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    if this_request is not None:
        this_request[key] = value
    if reuse:
        _unpickled[key] = value
        while len(_unpickled) > _UNPICKLED_MAX:
            with contextlib.suppress(KeyError):
                _unpickled.popitem(last=False)
    return value


# Anonymous visitors all see the same page: it is cached whole, keyed by path and language.
# A page with a form carries a per-visitor CSRF token, so it is never cached here (nor by
# nginx, which keeps no response that sets a cookie); the pages anonymous visitors read
# (catalog, courses, modules) have none since the language switcher is made of links.


def _anonymous_key(request):
    return ":".join(
        [
            "courses",
            str(content_generation()),
            "page",
            translation.get_language() or "",
            request.get_host(),
            request.path,
        ]
    )


def is_anonymous_visit(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def cached_anonymous_page(request):
    """The cached response for an anonymous visitor, or None."""
    if not is_anonymous_visit(request):
        return None
    stored = cache.get(_anonymous_key(request))
    if stored is None:
        return None
    from django.http import HttpResponse

    content, content_type = stored
    response = HttpResponse(content, content_type=content_type)
    patch_vary_headers(response, ["Cookie"])
    return response


def keep_anonymous_page(request, response):
    """Cache a page rendered for an anonymous visitor, if it is the same for all of them."""
    if not is_anonymous_visit(request) or response.status_code != 200:
        return response
    patch_vary_headers(response, ["Cookie"])
    if getattr(request, "is_preview", False) or response.has_header("Cache-Control"):
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if request.user.is_authenticated or CSRF_FIELD.search(response.content):
        return response
    cache.set(_anonymous_key(request), (response.content, response["Content-Type"]), TIMEOUT)
    return response
