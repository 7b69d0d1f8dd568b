"""Administrators record who leads which course, and read the audit log of marks and
completions (Wagtail's site history shows an entry to those with a permission on its model).
"""

from django.db import migrations

from courses.roles import ADMINISTRATORS, grant, model_permissions

GRANTS = {
    "learners": model_permissions("courselead"),
    "quizzes": model_permissions("response", ["view"]),
    "courses": model_permissions("enrolment", ["view"]),
}


def grant_record(apps, schema_editor):
    for app_label, codenames in GRANTS.items():
        grant(apps, app_label, {ADMINISTRATORS: codenames})


class Migration(migrations.Migration):
    dependencies = [
        ("academy", "0002_site_tree_and_roles"),
        ("learners", "0004_course_lead"),
        ("quizzes", "0002_question_bank_permissions"),
        ("courses", "0002_seed_record"),
    ]

    operations = [migrations.RunPython(grant_record, migrations.RunPython.noop)]
