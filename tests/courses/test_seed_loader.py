"""The seed loader builds the course tree from readable files, idempotently and safely.

These tests use small lesson-only files written on the spot; the shipped courses are
checked in tests/academy/test_seed_content.py.
"""

import re
import textwrap

from wagtail.models import Page

import pytest

from courses import completion, enrolments, progress
from courses.models import CoursePage, LessonPage, ModulePage, StepCompletion
from courses.seed import load_seed_files
from courses.seed_specs import SeedError, read_seed_file
from tests.builders import make_user

pytestmark = pytest.mark.django_db

COURSE = """\
slug: mutual-legal-assistance
title: Mutual legal assistance
summary: How to ask another state for evidence.
audience: Investigators
level: intermediate
estimated_duration_minutes: 45
subjects: [mla, evidence]
learning_objectives:
  - Draft a request
modules:
  - slug: basics
    title: The basics
    objectives: [Name the central authority]
    steps:
      - type: lesson
        slug: what-it-is
        title: What it is
        estimated_minutes: 5
        body:
          - rich_text: <p>A formal request between states.</p>
          - key_point:
              title: Remember
              text: Formal channels take time.
          - glossary_term:
              term: Central authority
              definition: The office that sends and receives requests.
      - type: lesson
        slug: drafting
        title: Drafting a request
        body:
          - legal_instrument:
              name: United Nations Convention against Transnational Organized Crime
              year: 2000
              article: Art. 18
"""


def write(tmp_path, text, name="course.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(path):
    [(_, outcome)] = load_seed_files([path])
    if isinstance(outcome, SeedError):
        raise outcome
    return outcome


def test_builds_the_tree_from_a_file(tmp_path):
    stats = load(write(tmp_path, COURSE))

    course = CoursePage.objects.get(slug="mutual-legal-assistance")
    assert course.live and course.level == "intermediate"
    assert sorted(course.subjects.names()) == ["evidence", "mla"]
    assert [b.value for b in course.learning_objectives] == ["Draft a request"]
    module = ModulePage.objects.child_of(course).get()
    lessons = LessonPage.objects.child_of(module).order_by("path")
    assert [lesson.slug for lesson in lessons] == ["what-it-is", "drafting"]
    assert [block.block_type for block in lessons[0].body] == [
        "rich_text",
        "key_point",
        "glossary_term",
    ]
    assert stats["created"] == 4


def test_a_second_load_changes_nothing(tmp_path):
    path = write(tmp_path, COURSE)
    load(path)
    pages_before = Page.objects.count()
    revisions_before = sum(p.revisions.count() for p in Page.objects.all())

    stats = load(path)

    assert stats == {"unchanged": 4}
    assert Page.objects.count() == pages_before
    assert sum(p.revisions.count() for p in Page.objects.all()) == revisions_before


def test_a_changed_source_updates_that_page_with_a_new_revision(tmp_path):
    path = write(tmp_path, COURSE)
    load(path)
    lesson = LessonPage.objects.get(slug="drafting")
    revisions_before = lesson.revisions.count()

    path.write_text(COURSE.replace("title: Drafting a request", "title: Drafting an MLA request"))
    stats = load(path)

    lesson.refresh_from_db()
    assert lesson.title == "Drafting an MLA request"
    assert lesson.revisions.count() == revisions_before + 1
    assert stats == {"unchanged": 3, "updated": 1}


def test_reloading_never_touches_learner_records(tmp_path):
    path = write(tmp_path, COURSE)
    load(path)
    learner = make_user()
    course = CoursePage.objects.get()
    enrolments.enrol(learner, course)
    completion.record_completion(learner, LessonPage.objects.get(slug="what-it-is"))

    path.write_text(COURSE.replace("<p>A formal request", "<p>A formal, written request"))
    load(path)

    assert StepCompletion.objects.filter(user=learner).count() == 1
    assert progress.course_progress(learner, course).done == 1


@pytest.mark.parametrize(
    ("broken", "line", "message"),
    [
        (COURSE.replace("        title: Drafting a request\n", ""), 27, "'title' is missing"),
        (
            COURSE.replace(
                "- type: lesson\n        slug: drafting",
                "- type: lesson\n        slug: drafting\n        colour: red",
            ),
            27,
            "unknown field(s) colour",
        ),
        (
            COURSE.replace("          - key_point:", "          - call_out:"),
            21,
            "unknown block 'call_out'",
        ),
        (COURSE.replace("year: 2000", "year: soon"), 31, "invalid 'legal_instrument' block"),
        (COURSE.replace("level: intermediate", "level: expert"), 1, "'level' must be one of"),
        (
            COURSE.replace("subjects: [mla, evidence]", "subjects: [mla, evidence"),
            8,
            "not valid YAML",
        ),
    ],
)
def test_a_malformed_entry_names_file_and_line_and_loads_nothing(tmp_path, broken, line, message):
    path = write(tmp_path, broken, "broken.yaml")
    pages_before = Page.objects.count()

    [(_, outcome)] = load_seed_files([path])

    assert isinstance(outcome, SeedError)
    assert str(outcome).startswith(f"{path}:{line}: ")
    assert message in str(outcome)
    assert Page.objects.count() == pages_before


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(SeedError, match="cannot read the file"):
        read_seed_file(tmp_path / "nowhere.yaml")


def test_one_broken_file_does_not_stop_the_others(tmp_path):
    good = write(tmp_path, COURSE, "good.yaml")
    bad = write(tmp_path, "slug: [unclosed\n", "bad.yaml")

    results = dict(load_seed_files([bad, good]))

    assert isinstance(results[bad], SeedError)
    assert results[good]["created"] == 4


def test_prerequisites_link_courses_by_slug_across_files(tmp_path):
    first = write(tmp_path, COURSE, "a.yaml")
    second = write(
        tmp_path,
        COURSE.replace("slug: mutual-legal-assistance", "slug: joint-investigations").replace(
            "title: Mutual legal assistance", "title: Joint investigations"
        )
        + "prerequisites: [mutual-legal-assistance]\n",
        "b.yaml",
    )

    load_seed_files([second, first])

    course = CoursePage.objects.get(slug="joint-investigations")
    assert [c.slug for c in course.prerequisites.all()] == ["mutual-legal-assistance"]


def test_a_slug_taken_by_another_page_type_is_refused(tmp_path):
    path = write(tmp_path, COURSE)
    load(path)
    # Someone made a page of another type where the source expects the "drafting" lesson.
    LessonPage.objects.get(slug="drafting").delete()
    module = ModulePage.objects.get(slug="basics")
    module.add_child(instance=ModulePage(title="Not a lesson", slug="drafting"))
    path.write_text(COURSE.replace("title: Drafting a request", "title: Drafting, revised"))

    [(_, outcome)] = load_seed_files([path])

    assert isinstance(outcome, SeedError)
    assert "slug 'drafting' is already used by a module" in str(outcome)


DOCUMENT_COURSE = """\
slug: documents-course
title: Documents
summary: A lesson that offers a file.
modules:
  - slug: handouts
    title: Handouts
    steps:
      - type: lesson
        slug: model-request
        title: A model request
        body:
          - document:
              file: model-request.txt
              title: Model request for mutual legal assistance
              description: The worked model, to adapt.
"""


def course_with_document(tmp_path, file_name="model-request.txt"):
    courses = tmp_path / "courses"
    documents = tmp_path / "documents"
    courses.mkdir()
    documents.mkdir()
    (documents / "model-request.txt").write_text("1. LEGAL BASIS\n", encoding="utf-8")
    text = DOCUMENT_COURSE.replace("file: model-request.txt", f"file: {file_name}")
    return write(courses, text)


def test_a_lesson_offers_a_file_from_the_documents_folder_for_download(tmp_path):
    from wagtail.documents import get_document_model

    path = course_with_document(tmp_path)
    load(path)

    lesson = LessonPage.objects.get(slug="model-request")
    [block] = lesson.body
    document = block.value["document"]
    assert block.block_type == "document"
    assert document.title == "Model request for mutual legal assistance"
    assert document.file.read() == b"1. LEGAL BASIS\n"
    assert block.value["description"] == "The worked model, to adapt."

    load(path)  # a second load finds the same document again
    assert get_document_model().objects.count() == 1


@pytest.mark.parametrize("file_name", ["missing.txt", "../courses/course.yaml"])
def test_a_document_outside_the_documents_folder_is_refused_and_nothing_loads(tmp_path, file_name):
    path = course_with_document(tmp_path, file_name)

    with pytest.raises(SeedError, match=f"no file '{re.escape(file_name)}' in documents/"):
        load(path)

    assert not CoursePage.objects.filter(slug="documents-course").exists()


def test_the_learner_gets_a_download_link_for_the_seeded_document(tmp_path, client):
    load(course_with_document(tmp_path))
    learner = make_user()
    enrolments.enrol(learner, CoursePage.objects.get(slug="documents-course"))
    client.force_login(learner)
    lesson = LessonPage.objects.get(slug="model-request")

    page = client.get(lesson.url).content.decode()

    document = lesson.body[0].value["document"]
    assert f'href="{document.url}" download' in page
    assert "Model request for mutual legal assistance" in page
