"""Second factor: enrol an authenticator app, and give its code after the password."""

from base64 import b32encode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

import segno

from .forms import CodeForm
from .two_factor import (
    confirm_device,
    confirmed_device,
    is_administrator,
    is_staff_account,
    mark_verified,
    unconfirmed_device,
)


def _next_url(request, default="/admin/"):
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


@login_required
def two_factor_setup(request):
    user = request.user
    if not is_staff_account(user):
        raise Http404
    if confirmed_device(user):
        return render(request, "accounts/two_factor_on.html", {"must": is_administrator(user)})
    device = unconfirmed_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if confirm_device(request, device, form.cleaned_data["code"]):
            messages.success(request, _("Two-step verification is on for your account."))
            return redirect(_next_url(request))
        form.add_error("code", _("That code is not right, or it has expired. Try the next one."))
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "must": is_administrator(user),
            "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=4),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "next": _next_url(request),
        },
    )


@login_required
def two_factor_verify(request):
    device = confirmed_device(request.user)
    if device is None:
        return redirect("accounts:two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            mark_verified(request, device)
            return redirect(_next_url(request))
        form.add_error("code", _("That code is not right, or it has expired. Try the next one."))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )
