"""Login throttling: how django-axes tells one client from another and what a locked-out
person sees. Axes counts failures per username and per address (settings.AXES_*)."""

import math

from django.conf import settings
from django.shortcuts import render


def client_ip(request):
    """The client's address, trusting X-Forwarded-For only as far as our own proxies.

    With TRUSTED_PROXY_COUNT proxies in front of the app, the last address each of them
    appended is theirs to vouch for; anything further left came from the client and could be
    forged to dodge the per-address count.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    remote_addr = request.META.get("REMOTE_ADDR", "")
    if not proxies:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote_addr
    return forwarded[-proxies]


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of a login form once a username or an address is locked."""
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    return render(
        request,
        "registration/lockout.html",
        {"cool_off_minutes": minutes},
        status=429,
    )
