"""Let trainers, course leads and administrators keep the question bank."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["Trainers", "Course leads", "Administrators"]
MODELS = ["questioncategory", "question", "bankquestion"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("quizzes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="quizzes",
        codename__in=[f"{action}_{model}" for model in MODELS for action in ACTIONS],
    )
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0001_initial"),
        ("academy", "0002_site_tree_and_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
