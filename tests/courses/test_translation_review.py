"""A translation made in wagtail-localize's editor goes to the "Course review" workflow."""

from django.urls import reverse

from wagtail.models import Locale, WorkflowState

import pytest
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from courses.translation_review import can_submit_translation, submit_translation
from tests.builders import make_course, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def russian_course():
    """A trainer's Russian translation of a course, its title translated in the editor."""
    trainer = make_user("trainer", groups=["Trainers"])
    course = make_course("Cooperation basics")
    ru = Locale.objects.get(language_code="ru")
    translate_object(course, [ru], user=trainer)
    translation = Translation.objects.get(
        source__object_id=course.translation_key, target_locale=ru
    )
    title = translation.source.stringsegment_set.get(context__path="title")
    StringTranslation.objects.create(
        translation_of=title.string,
        locale=ru,
        context=title.context,
        data="Основы сотрудничества",
    )
    return course.get_translation(ru), trainer


def test_submitting_a_translation_starts_its_review_with_the_translated_words(russian_course):
    page, trainer = russian_course

    page = submit_translation(page, trainer)

    assert page.workflow_in_progress
    assert page.current_workflow_state.workflow.name == "Course review"
    draft = page.current_workflow_task_state.revision.as_object()
    assert draft.title == "Основы сотрудничества"
    assert not page.live  # published only once a course lead approves


def test_a_trainer_submits_from_the_admin_and_the_page_shows_as_in_review(client, russian_course):
    page, trainer = russian_course
    client.force_login(trainer)
    url = reverse("courses_submit_translation", args=[page.pk])

    confirm = client.get(url)
    response = client.post(url)

    assert confirm.status_code == 200
    assert "Submit to Course review" in confirm.content.decode()
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    # Once in review, it is not submitted a second time.
    assert not can_submit_translation(page, trainer)
    client.post(url)
    assert WorkflowState.objects.for_instance(page).count() == 1


def test_a_learner_cannot_submit_a_translation(client, russian_course):
    page, _trainer = russian_course
    client.force_login(make_user("officer", groups=["Learners"]))

    response = client.post(reverse("courses_submit_translation", args=[page.pk]))

    page.refresh_from_db()
    assert response.status_code in (302, 403)
    assert not page.workflow_in_progress


def test_an_english_page_has_no_translation_to_submit(russian_course):
    _page, trainer = russian_course
    english = make_course("Another course")

    assert not can_submit_translation(english, trainer)


def sync_url(page):
    source = TranslationSource.objects.get(
        object_id=page.translation_key, locale__language_code="en"
    )
    return reverse("wagtail_localize:update_translations", args=[source.pk])


def test_a_trainer_syncing_translations_cannot_publish_them_without_review(
    client, russian_course, django_capture_on_commit_callbacks
):
    page, trainer = russian_course
    client.force_login(trainer)
    english = page.get_translation(Locale.objects.get(language_code="en"))

    form = client.get(sync_url(english))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sync_url(english), {"publish_translations": "on"})

    assert "Publish immediately" not in form.content.decode()
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live  # left as a draft, for review


def test_a_course_lead_may_sync_and_publish_at_once(
    client, russian_course, django_capture_on_commit_callbacks
):
    page, _trainer = russian_course
    client.force_login(make_user("lead", groups=["Course leads"]))
    english = page.get_translation(Locale.objects.get(language_code="en"))

    form = client.get(sync_url(english))
    with django_capture_on_commit_callbacks(execute=True):  # it publishes once committed
        response = client.post(sync_url(english), {"publish_translations": "on"})

    assert "Publish immediately" in form.content.decode()
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.title == "Основы сотрудничества"
