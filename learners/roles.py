"""What every page's frame asks about the user's roles, cached until a role changes.

The site header shows "My cohorts" to whoever follows a cohort, and Wagtail's user bar to
whoever may open the admin. Asking costs three queries a page (a cohort query with four
joins, and the user's and their groups' permissions); the answers change only when an
administrator changes cohorts, course leads, groups or permissions. So the answers are
cached together per user under the *roles generation* (`courses.caching`, kind "roles"), which any
such change bumps (receivers in `learners.signals`). Superusers are asked live.
"""

from courses import caching
from learners.scope import visible_cohorts

ROLES = "roles"


QUESTIONS = {
    "follows-cohorts": lambda user: visible_cohorts(user).exists(),
    "opens-admin": lambda user: user.has_perm("wagtailadmin.access_admin"),
}


def _answer(user, question):
    if not user.is_authenticated:
        return False
    if user.is_superuser or not user.is_active:
        return QUESTIONS[question](user)
    # Both answers in one entry: every page's header asks both.
    answers = caching.shared(
        "roles",
        user.pk,
        build=lambda: {name: ask(user) for name, ask in QUESTIONS.items()},
        kind=ROLES,
    )
    return answers[question]


def follows_cohorts(user):
    """Whether the user sees any cohort (the header's "My cohorts" link)."""
    return _answer(user, "follows-cohorts")


def can_open_admin(user):
    """Whether the user may open Wagtail's admin (and so sees its user bar)."""
    return _answer(user, "opens-admin")


def roles_changed(**_signal_kwargs):
    caching.invalidate(ROLES)
