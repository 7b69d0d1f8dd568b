"""Courses are translated with wagtail-localize into Russian and Uzbek, through the same review."""

from django.urls import reverse

from wagtail.models import Locale, Page

import pytest
from wagtail_localize.models import Translation

from tests.builders import make_course, make_user

pytestmark = pytest.mark.django_db


def test_russian_and_uzbek_locales_exist():
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"en", "ru", "uz"}


@pytest.fixture
def trainer_client(client):
    client.force_login(make_user("trainer", groups=["Trainers"]))
    return client


def translate_into_russian(client, page):
    ru = Locale.objects.get(language_code="ru")
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [ru.pk]},
    )


def test_a_trainer_translates_a_course_page_from_the_admin(trainer_client):
    course = make_course("Cooperation basics")

    form = trainer_client.get(reverse("wagtail_localize:submit_page_translation", args=[course.pk]))
    response = translate_into_russian(trainer_client, course)

    assert form.status_code == 200
    russian = course.get_translation(Locale.objects.get(language_code="ru"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[russian.pk])
    # The trainer may open the translation editor of the page they created.
    assert trainer_client.get(response["Location"]).status_code == 200
    # A new translation is a draft: it is published through the review, not at once.
    assert not russian.live


def test_a_learner_cannot_start_a_translation(client):
    course = make_course()
    client.force_login(make_user("officer", groups=["Learners"]))

    translate_into_russian(client, course)

    assert not Page.objects.filter(locale__language_code="ru").exists()


def test_a_translation_exports_as_a_po_file_for_an_outside_translator(trainer_client):
    course = make_course("Cooperation basics")
    translate_into_russian(trainer_client, course)
    translation = Translation.objects.get(
        source__object_id=course.translation_key, target_locale__language_code="ru"
    )

    response = trainer_client.get(
        reverse("wagtail_localize:download_pofile", args=[translation.pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/x-gettext-translation"
    assert 'msgid "Cooperation basics"' in response.content.decode()


def test_translated_pages_go_through_the_course_review(trainer_client):
    course = make_course()
    translate_into_russian(trainer_client, course)
    ru = Locale.objects.get(language_code="ru")

    russian_course = course.get_translation(ru)
    russian_home = russian_course.get_parent().get_parent()

    assert russian_home.depth == 2
    assert russian_course.get_workflow().name == "Course review"
    assert russian_home.get_workflow().name == "Course review"
