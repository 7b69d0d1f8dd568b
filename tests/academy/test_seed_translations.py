"""The seed courses in Russian (all four) and Uzbek (the cross-cultural course).

Loaded on an empty database by the same command as the English ones, through wagtail-
localize: every translated page is published, renders with its translation, and is known
to the translation editor as fully translated. One load for the whole module.
"""

import re
from pathlib import Path

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from wagtail.models import Locale, Page, Revision

import pytest
from bs4 import BeautifulSoup
from wagtail_localize.models import Translation

from courses.models import CoursePage, LessonPage
from courses.seed_specs import SeedError, read_seed_file
from courses.seed_translations import load_translation_file, pair_specs, translation_files
from quizzes.content import Answer
from quizzes.grading import fraction
from quizzes.kinds import QuestionKind
from quizzes.models import Question
from quizzes.versions import data_from_question

SEED_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "courses"
ALL_COURSES = {
    "international-cooperation-law",
    "cybercrime-digital-evidence",
    "cross-cultural-cooperation",
    "practical-channels",
}
EXPECTED = {("ru", slug) for slug in ALL_COURSES} | {("uz", "cross-cultural-cooperation")}
TRANSLATION_MARK = {"ru": "(перевод с английского)", "uz": "(ingliz tilidan tarjima)"}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        call_command("load_seed_content", verbosity=0)
        yield media
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


def translated_pages(language):
    return (
        Page.objects.filter(locale__language_code=language, alias_of__isnull=True, depth__gte=4)
        .specific()
        .order_by("path")
    )


def test_every_translation_file_is_found():
    found = {(language, path.stem) for language, path in translation_files(SEED_DIR)}
    assert found == EXPECTED


def test_the_russian_and_uzbek_courses_are_published_beside_the_english():
    live = set(
        CoursePage.objects.live()
        .filter(alias_of__isnull=True)
        .exclude(locale__language_code="en")
        .values_list("locale__language_code", "slug")
    )
    assert live == EXPECTED


@pytest.mark.parametrize("language, slug", sorted(EXPECTED))
def test_every_page_of_the_english_course_has_its_translation(language, slug):
    english = CoursePage.objects.get(slug=slug, locale__language_code="en")
    english_tree = [english, *english.get_descendants()]
    locale = Locale.objects.get(language_code=language)
    for page in english_tree:
        translation = page.get_translation_or_none(locale)
        assert translation is not None and translation.live, page.url_path
        assert translation.alias_of_id is None, page.url_path
        assert translation.slug == page.slug
        assert translation.title != page.title, page.url_path


@pytest.mark.parametrize("language", ["ru", "uz"])
def test_every_translated_page_renders_with_its_translation(admin_client, language):
    pages = list(translated_pages(language))
    assert pages
    for page in pages:
        response = admin_client.get(page.url)
        assert response.status_code == 200, page.url
        html = BeautifulSoup(response.content, "html.parser")
        assert html.html["lang"] == language, page.url
        assert html.h1.get_text(" ", strip=True) == page.title, page.url
        # Translated: no "not translated yet" note on these pages.
        assert html.select_one(".untranslated-note") is None, page.url
        assert page.url.startswith(f"/{language}/"), page.url


@pytest.mark.parametrize("language", ["ru", "uz"])
def test_the_translation_editor_knows_every_segment_as_translated(language):
    translations = Translation.objects.filter(target_locale__language_code=language)
    assert translations.count() >= 40
    for translation in translations:
        total, translated = translation.get_progress()
        assert translated == total, translation


def test_quotations_from_the_paper_are_marked_as_translations():
    for language, mark in TRANSLATION_MARK.items():
        quotations = [
            block.value
            for lesson in LessonPage.objects.filter(locale__language_code=language)
            for block in lesson.body
            if block.block_type == "quotation"
        ]
        assert quotations, language
        for quotation in quotations:
            assert quotation["source"].endswith(mark), quotation["source"]
            assert re.fullmatch(r"\[[\d, –-]+\]", quotation["reference"]), quotation["reference"]


def test_untoc_has_its_official_russian_name():
    law = CoursePage.objects.get(slug="international-cooperation-law", locale__language_code="ru")
    text = " ".join(
        str(block.value)
        for lesson in LessonPage.objects.descendant_of(law)
        for block in lesson.body
    )
    assert re.search(
        "Конвенци[яиюей] Организации Объедин[её]нных Наций против транснациональной "
        "организованной преступности",
        text,
    )


def test_every_translated_question_keeps_its_source_answers():
    english = {
        (q.translation_key): q
        for q in Question.objects.filter(locale__language_code="en").prefetch_related("choices")
    }
    translated = Question.objects.exclude(locale__language_code="en").prefetch_related("choices")
    # All four courses are in Russian: every English question has its Russian translation.
    assert set(
        translated.filter(locale__language_code="ru").values_list("translation_key", flat=True)
    ) == set(english)
    for question in translated:
        source = english[question.translation_key]
        assert (question.kind, question.weight, question.numeric_answer, question.key) == (
            source.kind,
            source.weight,
            source.numeric_answer,
            source.key,
        )
        assert question.true_false_answer == source.true_false_answer
        assert [c.is_correct for c in question.choices.all()] == [
            c.is_correct for c in source.choices.all()
        ]
        assert question.prompt != source.prompt, question.key


def test_translated_final_banks_are_in_the_same_banks_as_their_source():
    bank_questions = Question.objects.filter(quiz__isnull=True)
    for language, slug in EXPECTED:
        english = bank_questions.filter(
            locale__language_code="en", category__key__startswith=f"{slug}--"
        )
        translated = bank_questions.filter(
            locale__language_code=language, category__key__startswith=f"{slug}--"
        )
        assert english.count() >= 15
        assert set(translated.values_list("translation_key", "category_id")) == set(
            english.values_list("translation_key", "category_id")
        )


def test_translated_short_answers_accept_their_own_answers_and_do_not_give_them_away():
    short = Question.objects.filter(kind=QuestionKind.SHORT_ANSWER).exclude(
        locale__language_code="en"
    )
    assert short.exists()
    for question in short:
        content = data_from_question(question)
        for accepted in question.accepted_answer_list:
            assert fraction(content, Answer(text=f"  {accepted.upper()} ")) == 1, accepted
            assert accepted.lower() not in question.prompt.lower(), (question.key, accepted)


def test_reloading_the_translations_changes_nothing():
    revisions = Revision.objects.count()
    pages = Page.objects.count()
    questions = Question.objects.count()

    call_command("load_seed_content", verbosity=0)

    assert (Revision.objects.count(), Page.objects.count(), Question.objects.count()) == (
        revisions,
        pages,
        questions,
    )


def test_a_translation_that_drops_a_paragraph_is_refused_with_its_line(tmp_path):
    english = read_seed_file(SEED_DIR / "cross-cultural-cooperation.yaml")
    russian_path = SEED_DIR / "ru" / "cross-cultural-cooperation.yaml"
    text = russian_path.read_text(encoding="utf-8")
    # Drop one paragraph (the one before a heading) and keep the YAML valid.
    broken = re.sub(r"\n {14}<p>[^\n]*</p>(?=\n {14}<h2>)", "", text, count=1)
    assert broken != text
    (tmp_path / "ru").mkdir()
    (tmp_path / "ru" / russian_path.name).write_text(broken, encoding="utf-8")

    with pytest.raises(SeedError) as error:
        pair_specs(english, read_seed_file(tmp_path / "ru" / russian_path.name))

    assert "keep the HTML's shape" in str(error.value) or "paragraphs" in str(error.value)
    assert error.value.line


def test_a_translation_that_changes_a_right_answer_is_refused(tmp_path):
    english_path = SEED_DIR / "cross-cultural-cooperation.yaml"
    russian_path = SEED_DIR / "ru" / "cross-cultural-cooperation.yaml"
    text = russian_path.read_text(encoding="utf-8")
    broken = text.replace("correct: true", "correct: false", 1)
    (tmp_path / "ru").mkdir()
    (tmp_path / english_path.name).write_text(english_path.read_text(encoding="utf-8"))
    (tmp_path / "ru" / russian_path.name).write_text(broken, encoding="utf-8")
    before = Page.objects.count()

    with pytest.raises(SeedError) as error:
        load_translation_file(tmp_path / "ru" / russian_path.name, "ru")

    assert "'correct' must stay as in the English file" in str(error.value)
    assert Page.objects.count() == before


def test_the_russian_practical_course_offers_its_russian_handout(seeded, settings):
    settings.MEDIA_ROOT = seeded  # where the load stored the documents
    lesson = LessonPage.objects.get(slug="a-worked-model-request", locale__language_code="ru")
    [block] = [block for block in lesson.body if block.block_type == "document"]
    handout = SEED_DIR.parent / "documents" / "model-mla-request.ru.txt"

    with block.value["document"].file.open("rb") as offered:
        assert offered.read().decode("utf-8") == handout.read_text(encoding="utf-8")
