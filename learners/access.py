"""Who may follow a cohort: its records, imports, assignments and reports.

This is the one function to swap for the project-wide scoping rule when it lands:
administrators see every cohort; a trainer the cohorts they train; a course lead the
cohorts that take (or are assigned) a course they may publish.
"""

from django.contrib.auth.models import Group
from django.db.models import Exists, Q

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from learners.models import Cohort

ADMINISTRATORS = "Administrators"
COURSE_LEADS = "Course leads"


def cohorts_followed_by(user):
    """The cohorts whose records and reports `user` may see (a queryset)."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    groups = set(user.groups.values_list("name", flat=True))
    if user.is_superuser or ADMINISTRATORS in groups:
        return Cohort.objects.all()
    condition = Q(trainers=user)
    if COURSE_LEADS in groups:
        publishable = PagePermissionPolicy(Page).instances_user_has_permission_for(user, "publish")
        led = publishable.values("pk")
        condition |= Q(courses__in=led) | Q(assignments__course__in=led)
    return Cohort.objects.filter(pk__in=Cohort.objects.filter(condition).values("pk"))


def can_follow_cohort(user, cohort):
    return cohorts_followed_by(user).filter(pk=cohort.pk).exists()


def may_follow_cohorts(user):
    """Whether the site's header offers "My cohorts": one query on every page."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    leads_or_admins = Group.objects.filter(user=user, name__in=[ADMINISTRATORS, COURSE_LEADS])
    return Cohort.objects.filter(Q(trainers=user) | Q(Exists(leads_or_admins))).exists()
