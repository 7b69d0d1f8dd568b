"""Add the Russian and Uzbek content locales and let trainers and course leads translate.

The translated trees themselves (home page, catalog) are made by wagtail-localize when a
trainer first translates a page; `academy.translation_roles` then gives them the roles and
the workflow of their English source.
"""

from django.db import migrations

from courses.roles import ADMINISTRATORS, COURSE_LEADS, TRAINERS, grant

CONTENT_LANGUAGES = ["ru", "uz"]
TRANSLATING_GROUPS = [TRAINERS, COURSE_LEADS, ADMINISTRATORS]


def add_locales_and_translators(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    for language_code in CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=language_code)
    grant(apps, "wagtail_localize", {role: ["submit_translation"] for role in TRANSLATING_GROUPS})


class Migration(migrations.Migration):
    dependencies = [
        ("academy", "0003_administrators_keep_course_leads_and_read_the_record"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    # Going back keeps the locales: pages may already be written in them.
    operations = [migrations.RunPython(add_locales_and_translators, migrations.RunPython.noop)]
