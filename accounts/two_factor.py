"""Who needs a second factor, and what a signed-in person must do before anything else.

Staff (the Trainers, Course leads and Administrators groups, or is_staff) may turn on a
TOTP authenticator; administrators (superusers and the Administrators group) must. The
decision is taken once, at login, and kept in the session, so that a learner's pages cost
no query for it.
"""

from django.conf import settings

from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from learners.scope import ADMINISTRATORS, COURSE_LEADS, is_administrator

STAFF_GROUPS = ("Trainers", COURSE_LEADS, ADMINISTRATORS)
SESSION_KEY = "academy_second_factor"
VERIFY, ENROL, NOTHING = "verify", "enrol", ""


def is_staff_account(user):
    return user.is_staff or user.is_superuser or user.groups.filter(name__in=STAFF_GROUPS).exists()


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def step_after_password(user):
    """What the user must do after the password: verify a code, enrol a device, or nothing."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return VERIFY
    if settings.ADMINISTRATORS_MUST_USE_SECOND_FACTOR and is_administrator(user):
        return ENROL
    return NOTHING


def remember_step(request, user):
    request.session[SESSION_KEY] = step_after_password(user)


def pending_step(request):
    """The step this session still owes, computed for sessions older than the rule."""
    if SESSION_KEY not in request.session:
        remember_step(request, request.user)
    return request.session[SESSION_KEY]


def mark_verified(request, device):
    otp_login(request, device)
    request.session[SESSION_KEY] = NOTHING


def unconfirmed_device(user):
    """The device being enrolled: a fresh secret until its first code is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def confirm_device(request, device, code):
    """Confirm the device when `code` is its current one; log the session in with it."""
    if not device.verify_token(code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    mark_verified(request, device)
    return True
