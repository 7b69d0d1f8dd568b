"""The shipped seed courses: loaded on an empty database, complete, and answerable.

One load for the whole module (it builds four courses), shared read-only by the tests.
"""

import re
from pathlib import Path

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

import pytest

from courses.models import CoursePage, LessonPage, ModulePage
from quizzes.content import Answer
from quizzes.grading import fraction
from quizzes.kinds import QuestionKind
from quizzes.models import Question, QuestionCategory, QuizPage
from quizzes.seed_banks import final_bank_key
from quizzes.versions import data_from_question

SEED_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "courses"
COURSE_SLUGS = {
    "international-cooperation-law",
    "cybercrime-digital-evidence",
    "cross-cultural-cooperation",
    "practical-channels",
}
PRACTICAL = "practical-channels"


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    # One transaction around the module, rolled back at its end: the database is left as found,
    # and the documents the courses offer are stored in a temporary folder.
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        # The English courses; their translations are tested in test_seed_translations.py.
        call_command("load_seed_content", *sorted(SEED_DIR.glob("*.yaml")), verbosity=0)
        yield media
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


def teaching_modules(course):
    return [
        m
        for m in ModulePage.objects.child_of(course).order_by("path")
        if m.slug != "final-assessment"
    ]


def test_the_four_seed_courses_ship():
    assert set(CoursePage.objects.live().values_list("slug", flat=True)) == COURSE_SLUGS


@pytest.mark.parametrize("slug", sorted(COURSE_SLUGS))
def test_each_course_has_five_modules_of_two_lessons_and_a_quiz(slug):
    course = CoursePage.objects.get(slug=slug)
    modules = teaching_modules(course)
    assert len(modules) >= 5
    for module in modules:
        lessons = LessonPage.objects.child_of(module).live()
        quizzes = QuizPage.objects.child_of(module).live()
        assert lessons.count() >= 2, module.title
        assert quizzes.count() == 1, module.title
        quiz = quizzes.get()
        questions = Question.objects.filter(quiz=quiz)
        assert questions.count() >= 6, quiz
        assert len(set(questions.values_list("kind", flat=True))) >= 4, quiz
        assert module.objectives, f"{module.title} states no objectives"


@pytest.mark.parametrize("slug", sorted(COURSE_SLUGS))
def test_each_course_ends_with_a_final_assessment_drawn_from_separate_banks(slug):
    course = CoursePage.objects.get(slug=slug)
    last_module = ModulePage.objects.child_of(course).order_by("path").last()
    final = QuizPage.objects.child_of(last_module).get(slug="final-assessment")
    rules = list(final.draw_rules.select_related("category"))
    assert not Question.objects.filter(quiz=final).exists()
    assert len(rules) == len(teaching_modules(course))
    finals = QuestionCategory.objects.filter(
        key__in=[final_bank_key(slug, module.slug) for module in teaching_modules(course)]
    )
    assert {rule.category_id for rule in rules} == set(finals.values_list("id", flat=True))
    # Every module keeps a separate bank: the learner meets none of its questions before.
    for rule in rules:
        drawn = Question.objects.filter(category=rule.category)
        assert drawn.count() >= 3 and drawn.count() > rule.count, rule.category.key
        assert not drawn.filter(quiz__isnull=False).exists(), rule.category.key
    assert all(rule.count >= 1 for rule in rules)
    # An exam, not an exercise: timed, its questions in a new order for every attempt.
    assert final.time_limit_minutes == 30 and final.shuffle_questions
    assert "30 minutes" in final.intro


@pytest.mark.parametrize("slug", sorted(COURSE_SLUGS))
def test_each_course_ends_with_a_case_assignment_marked_against_a_rubric(slug):
    from quizzes.rubrics import rubric_data, rubric_errors, rubric_total

    course = CoursePage.objects.get(slug=slug)
    last_module = ModulePage.objects.child_of(course).order_by("path").last()
    steps = list(last_module.get_children().live().specific())
    case = steps[-1]
    assert (case.slug, case.title, case.pass_mark, case.attempts_allowed) == (
        "case-assignment",
        "Case assignment",
        50,
        1,
    )
    assert "final-assessment" in [step.slug for step in steps[:-1]]
    [question] = case.questions.all()
    criteria = rubric_data(question.rubric)
    assert question.kind == QuestionKind.ESSAY and question.essay_guidance.strip()
    assert 3 <= len(criteria) <= 4
    assert rubric_errors(question.kind, question.weight, criteria) == []
    assert rubric_total(criteria) == question.weight
    assert question.model_answer.startswith("<p>")
    assert re.search(r"Arts?\.? \d+", question.model_answer)  # cited by instrument and article


def test_every_question_cites_its_source_and_explains_itself():
    # Module quizzes and the final banks alike (a final bank's questions belong to no quiz).
    questions = Question.objects.all()
    assert questions.count() >= 90
    for question in questions:
        assert question.source_reference.strip(), question.key
        assert question.explanation.strip(), question.key


def right_answer(data):
    """The answer a learner who knows the material gives."""
    kind = data.kind
    if kind in (
        QuestionKind.SINGLE_CHOICE,
        QuestionKind.TRUE_FALSE,
        QuestionKind.MULTIPLE_RESPONSE,
    ):
        return Answer(chosen=frozenset(c.key for c in data.choices if c.is_correct))
    if kind == QuestionKind.SHORT_ANSWER:
        return Answer(text=f"  {data.accepted_answers[0].upper()} ")
    if kind == QuestionKind.NUMERIC:
        return Answer(text=str(data.numeric_answer))
    if kind == QuestionKind.ORDERING:
        return Answer(positions={c.key: c.position for c in data.choices})
    if kind == QuestionKind.MATCHING:
        return Answer(matches={c.key: c.key for c in data.choices})
    raise AssertionError(f"no automatic right answer for {kind}")


def test_every_question_has_a_correct_answer_that_grades_as_correct():
    graded = 0
    for question in Question.objects.prefetch_related("choices"):
        data = data_from_question(question)
        if data.kind == QuestionKind.ESSAY:  # marked by hand, against its rubric when it has one
            assert question.essay_guidance.strip(), question.key
            assert fraction(data, Answer(text="An answer.")) is None, question.key
            continue
        assert fraction(data, right_answer(data)) == 1, question.key
        assert fraction(data, Answer()) == 0, question.key
        graded += 1
    assert graded >= 90


def test_single_choice_questions_have_exactly_one_right_choice():
    for question in Question.objects.filter(kind=QuestionKind.SINGLE_CHOICE).prefetch_related(
        "choices"
    ):
        assert sum(1 for c in question.choices.all() if c.is_correct) == 1, question.key


def test_lessons_use_the_trainers_blocks_and_cite_quotations():
    block_types = set()
    for lesson in LessonPage.objects.all():
        for block in lesson.body:
            block_types.add(block.block_type)
            if block.block_type == "quotation":
                assert re.search(r"\[\d+\]", block.value["reference"]), lesson.title
    assert {
        "rich_text",
        "key_point",
        "case_study",
        "quotation",
        "legal_instrument",
        "glossary_term",
    } <= block_types


def test_the_courses_say_ethereum_is_not_a_privacy_coin():
    text = " ".join(
        str(block.value)
        for lesson in LessonPage.objects.descendant_of(
            CoursePage.objects.get(slug="cybercrime-digital-evidence")
        )
        for block in lesson.body
    )
    assert re.search(r"Ethereum[^.]*(public|transparent)", text)


def test_a_second_load_is_a_no_op():
    pages = Page.objects.count()
    revisions = Revision.objects.count()
    documents = get_document_model().objects.count()
    questions = list(Question.objects.order_by("pk").values_list("pk", "key"))

    call_command("load_seed_content", *sorted(SEED_DIR.glob("*.yaml")), verbosity=0)

    assert Page.objects.count() == pages
    assert Revision.objects.count() == revisions
    assert get_document_model().objects.count() == documents
    assert list(Question.objects.order_by("pk").values_list("pk", "key")) == questions


def test_the_seed_files_are_readable_sources_not_dumps():
    for path in SEED_DIR.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(pk|id|path|depth):", text, re.MULTILINE), path.name


# The fourth course: the practical channels of cooperation ------------------------------


def practical_course():
    return CoursePage.objects.get(slug=PRACTICAL)


def test_the_practical_course_has_its_modules_lessons_and_questions():
    course = practical_course()
    modules = teaching_modules(course)
    assert [m.slug for m in modules] == [
        "who-to-call",
        "drafting-the-request",
        "digital-evidence-abroad",
        "following-the-money",
        "bringing-suspects-back",
    ]
    assert LessonPage.objects.descendant_of(course).live().count() == 13
    module_quiz_questions = Question.objects.filter(
        quiz__in=QuizPage.objects.descendant_of(course).filter(slug="module-quiz")
    )
    assert module_quiz_questions.count() == 36
    for module in modules:
        quiz_keys = set(
            Question.objects.filter(quiz__in=QuizPage.objects.child_of(module)).values_list(
                "key", flat=True
            )
        )
        bank_keys = set(
            Question.objects.filter(
                category__key=final_bank_key(course.slug, module.slug), quiz__isnull=True
            ).values_list("key", flat=True)
        )
        # The final assessment draws only questions the module quiz never showed.
        assert len(bank_keys) >= 3, module.title
        assert not quiz_keys & bank_keys, module.title


def test_every_practical_module_teaches_through_a_case_and_cites_its_instruments():
    for module in teaching_modules(practical_course()):
        blocks = [block for lesson in LessonPage.objects.child_of(module) for block in lesson.body]
        kinds = {block.block_type for block in blocks}
        assert "case_study" in kinds, module.title
        instruments = [b.value for b in blocks if b.block_type == "legal_instrument"]
        assert instruments, module.title
        assert all(value["url"] for value in instruments), module.title


def test_the_practical_course_ends_with_a_case_assignment_marked_by_a_trainer():
    final_module = ModulePage.objects.child_of(practical_course()).get(slug="final-assessment")
    assignment = QuizPage.objects.child_of(final_module).get(slug="case-assignment")
    assert (assignment.pass_mark, assignment.attempts_allowed) == (50, 1)
    essay = Question.objects.get(quiz=assignment)
    assert essay.kind == QuestionKind.ESSAY
    assert essay.weight == 12
    assert "Art. 29" in essay.essay_guidance
    # The trainer marks against four criteria whose best levels make up the 12 marks, and the
    # learner then sees a model answer that works through both requests.
    criteria = [block.value for block in essay.rubric]
    assert [c["criterion"] for c in criteria] == [
        "Legal basis chosen and justified",
        "Preservation request to Bergland",
        "Request to Caspia, contents and precision",
        "The 3 BTC",
    ]
    assert sum(max(level["points"] for level in c["levels"]) for c in criteria) == essay.weight
    assert "Article 29" in essay.model_answer and "Article 14(2)" in essay.model_answer


def test_the_model_request_handed_to_learners_is_the_one_the_lesson_walks_through(seeded):
    source = SEED_DIR.parent / "documents" / "model-mla-request.txt"
    lesson = LessonPage.objects.descendant_of(practical_course()).get(slug="a-worked-model-request")
    [download] = [block.value for block in lesson.body if block.block_type == "document"]
    with override_settings(MEDIA_ROOT=seeded), download["document"].open_file() as handout:
        assert handout.read() == source.read_bytes()
    text = source.read_text(encoding="utf-8")
    lesson_text = " ".join(str(block.value) for block in lesson.body)
    # Only paragraphs checked against the Convention's text are cited by number.
    for paragraph in (
        "Article 18(7)",
        "18(9)",
        "Article 18(13)",
        "Article 18(14)",
        "Art. 18(15)(a)",
        "Art. 18(15)(f)",
        "18(19)",
        "Art. 18(20)",
        "Articles 12 and 13",
    ):
        assert paragraph in text and paragraph in lesson_text, paragraph
    assert "MLA/2026/0147" in text and "MLA/2026/0147" in lesson_text
