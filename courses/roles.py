"""The roles (Wagtail groups) and the one helper that grants them an app's permissions.

Each app's data migration grants the roles what they may do with that app's models
through `grant`, so no app's migration needs the project package's: a role that does not
exist yet is created by whichever migration first names it (the project's own migration
then gives it its page and collection permissions). Migrations import this module: keep
its names and signature stable.
"""

from django.contrib.auth.management import create_permissions

LEARNERS = "Learners"
TRAINERS = "Trainers"
COURSE_LEADS = "Course leads"
ADMINISTRATORS = "Administrators"
ROLES = [LEARNERS, TRAINERS, COURSE_LEADS, ADMINISTRATORS]


def model_permissions(model, actions=("add", "change", "delete", "view")):
    """The codenames of `actions` on `model` (its lower-case name): add_x, change_x, ..."""
    return [f"{action}_{model}" for action in actions]


def grant(apps, app_label, grants):
    """Give each role in `grants` ({role: [codename, ...]}) those permissions of `app_label`.

    For a `RunPython` operation: `apps` is the migration's state. Django creates
    permissions after the migrations; a data migration needs them now, so the app's are
    made first.
    """
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for role, codenames in grants.items():
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, codename__in=list(codenames)
            )
        )
