"""What every page's frame asks about the user's roles, cached until a role changes.

The site header shows "My cohorts" to whoever follows a cohort, and Wagtail's user bar to
whoever may open the admin. Asking costs three queries a page (a cohort query with four
joins, and the user's and their groups' permissions); the answers change only when an
administrator changes cohorts, course leads, groups or permissions. So each answer is
cached per user under the *roles generation* (`courses.caching`, kind "roles"), which any
such change bumps (receivers in `learners.signals`). Superusers are asked live.
"""

from courses import caching
from learners.scope import visible_cohorts

ROLES = "roles"


def _cached(name, user, build):
    if not user.is_authenticated:
        return False
    if user.is_superuser or not user.is_active:
        return build()
    return caching.shared(name, user.pk, build=build, kind=ROLES)


def follows_cohorts(user):
    """Whether the user sees any cohort (the header's "My cohorts" link)."""
    return _cached("follows-cohorts", user, lambda: visible_cohorts(user).exists())


def can_open_admin(user):
    """Whether the user may open Wagtail's admin (and so sees its user bar)."""
    return _cached("opens-admin", user, lambda: user.has_perm("wagtailadmin.access_admin"))


def roles_changed(**_signal_kwargs):
    caching.invalidate(ROLES)
