"""A quiz in several languages is one quiz: one identity per question, one grade, one record.

A learner who opens the Russian quiz gets the Russian paper; the attempt belongs to the
English (source) quiz, is graded exactly as an English one, and counts in every language.
"""

from django.urls import reverse

from wagtail.models import Locale

import pytest

from courses.progress import course_progress
from quizzes.attempts import start_attempt
from quizzes.drawing import compose_questions
from quizzes.models import Question, QuestionCategory, QuizGrade
from quizzes.paper import load_paper, new_rng
from quizzes.statistics import quiz_statistics
from tests.builders import course_of, enrolled_learner
from tests.quizzes.builders import (
    make_quiz,
    matching,
    multiple_response,
    numeric,
    ordering,
    short_answer,
    single_choice,
    take,
    translate,
    true_false,
)

pytestmark = pytest.mark.django_db


def russian(text):
    return f"RU {text}"


ENGLISH_ANSWERS = {
    "Which is right?": "Right",
    "Which apply?": ["A", "B", "C"],
    "The statement holds.": True,
    "Name it.": "Crime as a Service",
    "Which year?": "2000",
    "Match them.": {"Monero": "Private", "Bitcoin": "Public", "Zcash": "Optional"},
    "Put in order.": ["First", "Second", "Third", "Fourth"],
}


def in_russian(answers):
    """The same answers, given in the words of the Russian paper."""
    translated = {}
    for prompt, value in answers.items():
        if isinstance(value, str) and not value.isdigit():
            value = russian(value)
        elif isinstance(value, list):
            value = [russian(text) for text in value]
        elif isinstance(value, dict):
            value = {russian(key): russian(match) for key, match in value.items()}
        translated[russian(prompt)] = value
    return translated


@pytest.fixture
def quiz():
    return make_quiz(
        questions=[
            single_choice(),
            multiple_response(),
            true_false(),
            short_answer(),
            numeric(),
            matching(),
            ordering(),
        ]
    )


def test_translated_questions_keep_their_identity_and_every_right_answer(quiz):
    russian_quiz = translate(quiz, "ru", russian)

    english = {q.translation_key: q for q in quiz.questions.all()}
    translated = list(russian_quiz.questions.all())
    assert {q.translation_key for q in translated} == set(english)
    for question in translated:
        source = english[question.translation_key]
        assert question.locale.language_code == "ru"
        assert question.prompt == russian(source.prompt)
        assert (question.kind, question.weight, question.numeric_answer) == (
            source.kind,
            source.weight,
            source.numeric_answer,
        )
        assert [(c.is_correct, c.text) for c in question.choices.all()] == [
            (c.is_correct, russian(c.text)) for c in source.choices.all()
        ]
        assert {c.locale_id for c in question.choices.all()} <= {question.locale_id}


def test_an_attempt_in_russian_is_graded_exactly_as_one_in_english(quiz):
    russian_quiz = translate(quiz, "ru", russian)

    in_english = take(quiz, enrolled_learner(quiz, "anna"), ENGLISH_ANSWERS)
    russian_answers = in_russian(ENGLISH_ANSWERS)
    russian_answers[russian("Name it.")] = "RU Crime as a Service"
    in_russian_attempt = take(russian_quiz, enrolled_learner(quiz, "boris"), russian_answers)

    assert in_russian_attempt.score == in_english.score == in_english.max_score
    assert in_russian_attempt.percent == in_english.percent == 100
    # The paper was Russian; the attempt is the English quiz's.
    assert in_russian_attempt.quiz_id == quiz.pk
    assert in_russian_attempt.language == "ru"
    prompts = [item.question.prompt for item in load_paper(in_russian_attempt)]
    assert all(prompt.startswith("RU ") for prompt in prompts)


def test_a_wrong_answer_in_russian_loses_the_same_marks_as_in_english(quiz):
    russian_quiz = translate(quiz, "ru", russian)
    wrong = {**ENGLISH_ANSWERS, "Which is right?": "Wrong", "Which year?": "1999"}

    in_english = take(quiz, enrolled_learner(quiz, "anna"), wrong)
    in_russian_attempt = take(russian_quiz, enrolled_learner(quiz, "boris"), in_russian(wrong))

    assert in_russian_attempt.score == in_english.score < in_english.max_score


def test_statistics_group_a_question_with_its_translation_and_break_it_down_by_language(quiz):
    russian_quiz = translate(quiz, "ru", russian)
    take(quiz, enrolled_learner(quiz, "anna"), ENGLISH_ANSWERS)
    take(quiz, enrolled_learner(quiz, "bella"), ENGLISH_ANSWERS)
    wrong = {**in_russian(ENGLISH_ANSWERS), russian("Which is right?"): russian("Wrong")}
    take(russian_quiz, enrolled_learner(quiz, "boris"), wrong)

    stats = quiz_statistics(quiz)

    assert stats.attempts == 3  # the Russian attempt is the quiz's
    assert len(stats.groups) == 7  # seven questions, whatever the languages
    group = next(g for g in stats.groups if g.versions[0].version.prompt == "Which is right?")
    figures = {f.language: (f.responses, f.facility) for f in group.languages}
    assert figures == {"en": (2, 100.0), "ru": (1, 0.0)}
    assert group.responses == 3
    assert group.facility == pytest.approx(200 / 3)
    # The Russian quiz's statistics page shows the same, one quiz's, figures.
    assert quiz_statistics(russian_quiz).attempts == 0  # attempts never belong to a translation


def test_the_statistics_page_of_a_translated_quiz_is_its_source_quiz(client, quiz, admin_user):
    russian_quiz = translate(quiz, "ru", russian)
    take(russian_quiz, enrolled_learner(quiz, "boris"), in_russian(ENGLISH_ANSWERS))
    client.force_login(admin_user)

    page = client.get(reverse("quizzes_admin:statistics", args=[russian_quiz.pk]))

    assert page.status_code == 200
    assert page.context["quiz"].pk == quiz.pk
    assert page.context["stats"].attempts == 1
    index = client.get(reverse("quizzes_admin:statistics_index"))
    assert [q.pk for q in index.context["quizzes"]] == [quiz.pk]


def test_progress_attempts_and_grade_carry_across_a_language_switch(client, quiz):
    russian_quiz = translate(quiz, "ru", russian)
    learner = enrolled_learner(quiz, "boris")
    client.force_login(learner)

    # Started in Russian...
    started = client.post(reverse("quizzes:start", args=[russian_quiz.pk]))
    attempt = learner.quiz_attempts.get()
    assert started.status_code == 302 and attempt.quiz_id == quiz.pk
    # ...the English quiz page offers to continue it, not a new attempt.
    overview = client.get(quiz.get_url()).context["overview"]
    assert overview.open_attempt == attempt
    again, created = start_attempt(learner, quiz)
    assert (again, created) == (attempt, False)


def test_a_quiz_passed_in_russian_completes_the_step_in_every_language(quiz):
    russian_quiz = translate(quiz, "ru", russian)
    learner = enrolled_learner(quiz, "boris")

    take(russian_quiz, learner, in_russian(ENGLISH_ANSWERS))

    grade = QuizGrade.objects.get(user=learner)
    assert grade.quiz_id == quiz.pk and grade.percent == 100
    progress = course_progress(learner, course_of(quiz))
    assert [step.done for step in progress.steps] == [True]


def test_a_russian_paper_draws_russian_bank_questions_and_english_where_untranslated():
    bank = QuestionCategory.objects.create(name="Bank", key="bank")
    first = single_choice("First bank question?", category=bank)
    second = single_choice("Second bank question?", category=bank)
    for question in (first, second):
        question.save()
    translate(first, "ru", russian)
    quiz = make_quiz(draws=[(bank, 2)])
    russian_quiz = translate(quiz, "ru", russian)

    drawn = compose_questions(russian_quiz, new_rng())
    english_drawn = compose_questions(quiz, new_rng())

    assert sorted(q.prompt for q in drawn) == ["RU First bank question?", "Second bank question?"]
    assert sorted(q.prompt for q in english_drawn) == [
        "First bank question?",
        "Second bank question?",
    ]
    ru = Locale.objects.get(language_code="ru")
    assert Question.objects.filter(category=bank, locale=ru).count() == 1


def test_a_bank_question_is_never_drawn_twice_in_two_languages():
    bank = QuestionCategory.objects.create(name="Bank", key="bank")
    only = single_choice("The only bank question?", category=bank)
    only.save()
    translate(only, "ru", russian)
    quiz = make_quiz(draws=[(bank, 2)])
    russian_quiz = translate(quiz, "ru", russian)

    drawn = compose_questions(russian_quiz, new_rng())

    assert [q.prompt for q in drawn] == ["RU The only bank question?"]


def test_a_trainer_translates_a_bank_question_from_the_admin(client, admin_user):
    bank = QuestionCategory.objects.create(name="Bank", key="bank")
    question = single_choice("Which channel first?", category=bank)
    question.save()
    client.force_login(admin_user)
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["quizzes", "bankquestion", question.pk],
    )

    form = client.get(url)
    response = client.post(url, {"locales": [Locale.objects.get(language_code="ru").pk]})

    assert form.status_code == 200
    assert response.status_code == 302
    translation = Question.objects.get(
        translation_key=question.translation_key, locale__language_code="ru"
    )
    assert translation.category_id == bank.pk and translation.quiz_id is None
    assert [c.is_correct for c in translation.choices.all()] == [True, False, False]


def test_a_cohort_report_shows_each_question_once_whatever_language_it_was_answered_in(quiz):
    from reports.quiz_results import cohort_quiz_results

    russian_quiz = translate(quiz, "ru", russian)
    take(quiz, enrolled_learner(quiz, "anna"), ENGLISH_ANSWERS)
    boris = enrolled_learner(quiz, "boris")
    take(russian_quiz, boris, in_russian(ENGLISH_ANSWERS))

    results = cohort_quiz_results(quiz, [boris.pk])

    assert len(results.questions) == 7
    row = next(q for q in results.questions if q.prompt == russian("Which is right?"))
    assert (row.cohort_responses, row.everyone_responses) == (1, 2)
    assert row.cohort_facility == row.everyone_facility == 100
