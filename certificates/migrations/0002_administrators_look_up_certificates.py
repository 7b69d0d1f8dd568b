"""Let administrators look certificates up and withdraw one."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("certificates")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="certificates",
        codename__in=["view_certificate", "change_certificate"],
    )
    for group in Group.objects.filter(name="Administrators"):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("academy", "0002_site_tree_and_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
