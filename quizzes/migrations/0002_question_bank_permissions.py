"""Let trainers, course leads and administrators keep the question bank."""

from django.db import migrations

from courses.roles import ADMINISTRATORS, COURSE_LEADS, TRAINERS, grant, model_permissions

MODELS = ["questioncategory", "question", "bankquestion"]


def grant_question_bank(apps, schema_editor):
    codenames = [codename for model in MODELS for codename in model_permissions(model)]
    grant(apps, "quizzes", {role: codenames for role in [TRAINERS, COURSE_LEADS, ADMINISTRATORS]})


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_question_bank, migrations.RunPython.noop)]
