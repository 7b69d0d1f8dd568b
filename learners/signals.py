from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from learners.middleware import TIME_ZONE_SESSION_KEY
from learners.models import LearnerProfile


@receiver(user_logged_in)
def remember_time_zone(sender, request, user, **kwargs):
    """Put the learner's time zone in the session (the language is chosen at landing)."""
    zone = LearnerProfile.objects.filter(user=user).values_list("time_zone", flat=True).first()
    if zone and request is not None:
        request.session[TIME_ZONE_SESSION_KEY] = zone


def _connect_role_changes():
    """Bump the roles generation (`learners.roles`) on any change to who follows which
    cohort or who may open the admin."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from learners.models import Assignment, Cohort, CourseLead
    from learners.roles import roles_changed

    user_model = get_user_model()
    for model in (Cohort, Assignment, CourseLead, Group, Permission):
        uid = f"learners-roles-{model._meta.label_lower}"
        post_save.connect(roles_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(roles_changed, sender=model, dispatch_uid=f"{uid}-deleted")
    for through in (
        Cohort.trainers.through,
        Cohort.courses.through,
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            roles_changed,
            sender=through,
            dispatch_uid=f"learners-roles-{through._meta.label_lower}",
        )


_connect_role_changes()
