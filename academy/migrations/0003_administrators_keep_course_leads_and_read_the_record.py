"""Administrators record who leads which course, and read the audit log of marks and
completions (Wagtail's site history shows an entry to those with a permission on its model).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = [
    ("learners", "courselead", ["add", "change", "delete", "view"]),
    ("quizzes", "response", ["view"]),
    ("courses", "enrolment", ["view"]),
]


def grant(apps, schema_editor):
    for app_label in {app_label for app_label, _model, _actions in GRANTS}:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group in Group.objects.filter(name="Administrators"):
        for app_label, model, actions in GRANTS:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("academy", "0002_site_tree_and_roles"),
        ("learners", "0004_course_lead"),
        ("quizzes", "0002_question_bank_permissions"),
        ("courses", "0002_seed_record"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
