"""Let administrators look certificates up and withdraw one."""

from django.db import migrations

from courses.roles import ADMINISTRATORS, grant


def grant_certificates(apps, schema_editor):
    grant(apps, "certificates", {ADMINISTRATORS: ["view_certificate", "change_certificate"]})


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_certificates, migrations.RunPython.noop)]
