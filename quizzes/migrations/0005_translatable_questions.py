"""Questions, their choices and a quiz's feedback bands become translatable.

Each existing row gets its own translation key and the locale of the quiz it belongs to
(the default locale for bank questions); attempts record the language of their paper.
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def give_rows_a_locale_and_key(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    default, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    page_locales = dict(Page.objects.values_list("pk", "locale_id"))

    def fill(model, locale_of):
        rows = list(model.objects.all())
        for row in rows:
            row.translation_key = uuid.uuid4()
            row.locale_id = locale_of(row) or default.pk
        model.objects.bulk_update(rows, ["translation_key", "locale"], batch_size=500)

    Question = apps.get_model("quizzes", "Question")
    fill(Question, lambda question: page_locales.get(question.quiz_id))
    question_locales = dict(Question.objects.values_list("pk", "locale_id"))
    fill(apps.get_model("quizzes", "QuestionChoice"), lambda c: question_locales[c.question_id])
    fill(apps.get_model("quizzes", "QuizFeedbackBand"), lambda band: page_locales[band.quiz_id])


def bootstrap(model_name):
    return [
        migrations.AddField(
            model_name=model_name,
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name=model_name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
    ]


def settle(model_name):
    return [
        migrations.AlterField(
            model_name=model_name,
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name=model_name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name=model_name, unique_together={("translation_key", "locale")}
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0004_kind_choices_from_registry"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        *bootstrap("question"),
        *bootstrap("questionchoice"),
        *bootstrap("quizfeedbackband"),
        migrations.RunPython(give_rows_a_locale_and_key, migrations.RunPython.noop),
        *settle("question"),
        *settle("questionchoice"),
        *settle("quizfeedbackband"),
        migrations.AddField(
            model_name="attempt",
            name="language",
            field=models.CharField(
                choices=[("en", "English"), ("ru", "Russian"), ("uz", "Uzbek")],
                default="en",
                max_length=10,
                verbose_name="language",
            ),
        ),
    ]
