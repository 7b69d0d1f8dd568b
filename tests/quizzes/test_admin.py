"""Trainers in the Wagtail admin: authoring quizzes, essay marking, statistics, review queue."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)
from wagtail.users.models import UserProfile

import pytest
from bs4 import BeautifulSoup

from courses.models import StepCompletion
from learners.models import Cohort, CourseLead
from quizzes.kinds import QuestionKind
from quizzes.models import (
    AttemptState,
    BankQuestion,
    QuestionCategory,
    QuestionFlag,
    QuizPage,
    Response,
)
from tests.builders import course_of, enrolled_learner, make_user
from tests.quizzes.builders import essay, make_module, make_quiz, single_choice, take, true_false

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    return make_quiz(questions=[single_choice(), essay()], pass_mark=100)


@pytest.fixture
def trainer():
    """A trainer: may edit every course page (the Trainers role), follows no cohort yet."""
    return make_user("trainer", groups=["Trainers"])


def train(trainer, course, learners, name="Tashkent 2025"):
    """Make `trainer` the trainer of a new cohort of `learners` taking `course`."""
    cohort = Cohort.objects.create(name=name)
    cohort.trainers.add(trainer)
    cohort.learners.add(*learners)
    cohort.courses.add(course)
    return trainer


def cohort_tutor(course, learners):
    """A user who reaches the admin and follows one cohort, without editing pages."""
    tutor = make_user("tutor")
    tutor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return train(tutor, course, learners)


def course_lead(course, username="lead"):
    lead = make_user(username, groups=["Course leads"])
    CourseLead.objects.create(user=lead, course=course)
    return lead


def essay_response(attempt):
    return Response.objects.get(attempt=attempt, version__kind=QuestionKind.ESSAY)


def submit_essay(quiz, username):
    learner = enrolled_learner(quiz, username)
    attempt = take(quiz, learner, {"Which is right?": "Right", "Explain.": f"{username}'s answer."})
    return learner, attempt


class TestEssayMarking:
    def test_the_queue_lists_answers_waiting_for_a_mark(self, client, quiz, trainer):
        learner, attempt = submit_essay(quiz, "officer1")
        train(trainer, course_of(quiz), [learner])
        client.force_login(trainer)
        page = client.get(reverse("quizzes_admin:marking")).content.decode()
        assert reverse("quizzes_admin:mark", args=[essay_response(attempt).pk]) in page

    def test_the_queue_says_mark_as_an_action_in_russian(self, client, quiz, trainer):
        """The word "Mark" is the column (a noun) and the link to mark (a verb); each is
        translated as what it is."""
        learner, _attempt = submit_essay(quiz, "officer1")
        train(trainer, course_of(quiz), [learner])
        profile = UserProfile.get_for_user(trainer)
        profile.preferred_language = "ru"
        profile.save()
        client.force_login(trainer)
        page = client.get(reverse("quizzes_admin:marking")).content.decode()
        assert ">Оценить</a>" in page

    def test_a_mark_grades_the_attempt_and_completes_the_step(self, client, quiz, trainer):
        learner, attempt = submit_essay(quiz, "officer1")
        train(trainer, course_of(quiz), [learner])
        client.force_login(trainer)
        response = essay_response(attempt)
        page = client.get(reverse("quizzes_admin:mark", args=[response.pk])).content.decode()
        assert "officer1&#x27;s answer." in page and "Mentions the central authority." in page

        saved = client.post(
            reverse("quizzes_admin:mark", args=[response.pk]), {"mark": "1", "comment": "Clear."}
        )
        assert saved.status_code == 302
        attempt.refresh_from_db()
        assert (attempt.state, attempt.percent, attempt.passed) == (AttemptState.GRADED, 100, True)
        assert StepCompletion.objects.filter(user=learner, step_id=quiz.pk).exists()
        response.refresh_from_db()
        assert response.marked_by == trainer and response.marker_comment == "Clear."

        client.post(
            reverse("quizzes_admin:mark", args=[response.pk]),
            {"mark": "0.5", "comment": "", "reason": "Misread the answer."},
        )
        assert not StepCompletion.objects.filter(user=learner, step_id=quiz.pk).exists()

    def test_a_mark_out_of_range_is_refused(self, client, quiz, trainer):
        learner, attempt = submit_essay(quiz, "officer1")
        train(trainer, course_of(quiz), [learner])
        client.force_login(trainer)
        response = essay_response(attempt)
        page = client.post(reverse("quizzes_admin:mark", args=[response.pk]), {"mark": "3"})
        assert page.status_code == 200 and "less than or equal to 1" in page.content.decode()
        response.refresh_from_db()
        assert response.mark is None

    def test_a_cohort_tutor_marks_only_their_cohorts_learners(self, client, quiz):
        mine, my_attempt = submit_essay(quiz, "mine")
        _other, other_attempt = submit_essay(quiz, "other")
        tutor = cohort_tutor(course_of(quiz), [mine])
        client.force_login(tutor)
        queue = client.get(reverse("quizzes_admin:marking")).content.decode()
        assert "mine" in queue and "other" not in queue
        other = reverse("quizzes_admin:mark", args=[essay_response(other_attempt).pk])
        assert client.get(other).status_code == 404
        assert client.post(other, {"mark": "1"}).status_code == 404
        assert (
            client.get(
                reverse("quizzes_admin:mark", args=[essay_response(my_attempt).pk])
            ).status_code
            == 200
        )

    def test_someone_following_nothing_sees_nothing(self, client, quiz):
        _learner, attempt = submit_essay(quiz, "officer1")
        client.force_login(cohort_tutor(course_of(make_quiz()), []))
        assert "officer1" not in client.get(reverse("quizzes_admin:marking")).content.decode()
        assert (
            client.get(reverse("quizzes_admin:mark", args=[essay_response(attempt).pk])).status_code
            == 404
        )
        assert client.get(reverse("quizzes_admin:statistics", args=[quiz.pk])).status_code == 404

    def test_learners_do_not_reach_the_admin(self, client, quiz):
        learner, attempt = submit_essay(quiz, "officer1")
        client.force_login(learner)
        response = client.get(reverse("quizzes_admin:mark", args=[essay_response(attempt).pk]))
        assert response.status_code == 302 and "/admin/login/" in response.url


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def words(element):
    return " ".join(element.get_text(" ").split())


def figures(response):
    """{label: value} of the quiz figures table of a statistics page."""
    rows = soup(response).select("table.listing")[0].select("tr")
    return {words(row.th): words(row.td) for row in rows}


class TestStatisticsAndReview:
    def test_statistics_for_a_trainer(self, client, trainer):
        quiz = make_quiz(questions=[single_choice(), true_false()])
        learners = [enrolled_learner(quiz, f"officer{n}") for n in range(3)]
        for learner, answer in zip(learners, ["Right", "Wrong", "Right"], strict=True):
            take(quiz, learner, {"Which is right?": answer})
        train(trainer, course_of(quiz), learners)
        client.force_login(trainer)
        page = client.get(reverse("quizzes_admin:statistics", args=[quiz.pk]))
        assert page.status_code == 200
        assert figures(page)["Mean score"] == "33.33 %"  # 1/2, 0, 1/2 of the marks
        [first_question, _] = soup(page).select("table.listing")[1].select("tbody > tr")
        assert words(first_question.select("td")[1]).startswith("Which is right? (v1, en)")
        assert (
            client.get(
                reverse("quizzes_admin:statistics", args=[quiz.pk]), {"attempts": "all"}
            ).status_code
            == 200
        )
        assert quiz.title in client.get(reverse("quizzes_admin:statistics_index")).content.decode()

    def test_a_cohort_tutors_statistics_count_only_their_learners(self, client):
        quiz = make_quiz(questions=[single_choice()])
        mine = enrolled_learner(quiz, "mine")
        take(quiz, mine, {"Which is right?": "Right"})
        take(quiz, enrolled_learner(quiz, "other"), {"Which is right?": "Wrong"})
        client.force_login(cohort_tutor(course_of(quiz), [mine]))
        page = client.get(reverse("quizzes_admin:statistics", args=[quiz.pk]))
        assert figures(page)["Mean score"] == "100.00 %"
        # the paragraph that says over which attempts, and whose, the figures are
        scope = soup(page).select_one('main a[href="?attempts=all"]').parent
        assert words(scope).endswith("Computed over the 1 learner of your cohorts.")

    def test_the_review_queue_lists_overdue_and_flagged_questions(self, client, trainer):
        yesterday = timezone.localdate() - timedelta(days=1)
        quiz = make_quiz(
            questions=[
                single_choice("Overdue?", review_by=yesterday),
                single_choice("Current?", review_by=yesterday + timedelta(days=365)),
                true_false("Too easy?"),
            ]
        )
        for n in range(5):
            answer = "Right" if n % 2 else "Wrong"
            take(
                quiz, enrolled_learner(quiz, f"officer{n}"), {"Too easy?": True, "Current?": answer}
            )
        # Figures over every learner of the course flag questions: the course lead's.
        client.force_login(course_lead(course_of(quiz)))
        statistics = reverse("quizzes_admin:statistics", args=[quiz.pk])
        client.get(statistics)
        assert not QuestionFlag.objects.exists()  # looking at the figures changes nothing
        assert client.post(statistics).status_code == 302
        client.force_login(train(trainer, course_of(quiz), []))
        response = client.get(reverse("quizzes_admin:review_queue"))
        why = {
            words(row.select("td")[0]): words(row.select("td")[2])
            for row in soup(response).select("table.listing tbody tr")
        }
        assert set(why) == {"Overdue?", "Too easy?"}  # "Current?" is neither overdue nor flagged
        assert why["Overdue?"].startswith("Review was due")
        assert why["Too easy?"].startswith("Facility over 95 %")

    def test_only_figures_over_everyone_may_flag_questions(self, client):
        quiz = make_quiz(questions=[true_false("Too easy?")])
        mine = [enrolled_learner(quiz, f"officer{n}") for n in range(5)]
        for learner in mine:
            take(quiz, learner, {"Too easy?": True})
        client.force_login(cohort_tutor(course_of(quiz), mine))
        statistics = reverse("quizzes_admin:statistics", args=[quiz.pk])
        assert "Flag questions for review now" not in client.get(statistics).content.decode()
        assert client.post(statistics).status_code == 404
        assert not QuestionFlag.objects.exists()

    def test_the_quiz_editor_links_to_statistics_and_preview(self, client, trainer, quiz):
        client.force_login(trainer)
        editor = soup(client.get(reverse("wagtailadmin_pages:edit", args=[quiz.pk])))
        assert editor.select(f'a[href="{reverse("quizzes_admin:statistics", args=[quiz.pk])}"]')
        assert editor.select(f'a[href="{reverse("quizzes:preview", args=[quiz.pk])}"]')


def question_form(kind="single_choice", prompt="Which channel?", choices=(), **fields):
    return {
        "kind": kind,
        "prompt": prompt,
        "weight": "1",
        "review_by": "",
        "true_false_answer": "",
        "feedback_true": "",
        "feedback_false": "",
        "accepted_answers": "",
        "numeric_answer": "",
        "tolerance": "0",
        "essay_guidance": "",
        "explanation": "",
        "source_reference": "",
        "category": "",
        "rubric": streamfield([]),
        "model_answer": rich_text(""),
        **fields,
        "choices": inline_formset(
            [
                {
                    "text": text,
                    "is_correct": "on" if correct else "",
                    "feedback": "",
                    "match_text": "",
                }
                for text, correct in choices
            ]
        ),
    }


def list_block(items):
    return {
        "count": str(len(items)),
        **{
            str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
            for index, value in enumerate(items)
        },
    }


def rubric_essay_form(
    kind="essay", weight="6", levels=(("0", "Lost."), ("2", "Asked at once.")), **fields
):
    """An essay as the editor posts it, with a two-criterion rubric (4 + 2 marks)."""
    criteria = [
        ("Legal basis", [("0", "None."), ("4", "Justified.")]),
        ("Preservation", list(levels)),
    ]
    return question_form(
        kind,
        "Draft the request.",
        weight=weight,
        rubric=streamfield(
            [
                (
                    "criterion",
                    {
                        "criterion": name,
                        "levels": list_block(
                            [{"points": p, "description": d} for p, d in criterion_levels]
                        ),
                    },
                )
                for name, criterion_levels in criteria
            ]
        ),
        model_answer=rich_text("<p>The model answer.</p>"),
        **fields,
    )


class TestAuthoring:
    @pytest.fixture
    def admin_client(self, client):
        client.force_login(make_user("admin", is_superuser=True, is_staff=True))
        return client

    def create(self, client, module, questions):
        url = reverse("wagtailadmin_pages:add", args=["quizzes", "quizpage", module.pk])
        data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
        data.update(
            nested_form_data(
                {
                    "title": "Authored quiz",
                    "slug": "authored-quiz",
                    "questions": inline_formset(questions),
                    "action-publish": "publish",
                }
            )
        )
        return client.post(url, data)

    def test_a_trainer_writes_questions_with_nested_choices_in_the_page_editor(self, admin_client):
        module = make_module()
        response = self.create(
            admin_client,
            module,
            [
                question_form(choices=[("Interpol", True), ("A friend", False)]),
                question_form(
                    "true_false", "Data must be preserved first.", true_false_answer="true"
                ),
            ],
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        quiz = QuizPage.objects.get(slug="authored-quiz")
        first, second = quiz.questions.all()
        assert [(c.text, c.is_correct) for c in first.choices.all()] == [
            ("Interpol", True),
            ("A friend", False),
        ]
        assert second.kind == QuestionKind.TRUE_FALSE and second.true_false_answer == "true"

    @pytest.mark.parametrize(
        ("question", "message"),
        [
            (
                question_form(choices=[("Interpol", False), ("A friend", False)]),
                "exactly one choice",
            ),
            (question_form(choices=[("Interpol", True)]), "at least two"),
            (question_form("true_false", "True?"), "true or false"),
            (question_form("short_answer", "Name?"), "at least one accepted answer"),
            (
                question_form("essay", "Explain.", choices=[("Stray", False), ("Choice", False)]),
                "uses no choices",
            ),
        ],
    )
    def test_an_incomplete_question_is_refused(self, admin_client, question, message):
        response = self.create(admin_client, make_module(), [question])
        assert response.status_code == 200 and message in response.content.decode()
        assert not QuizPage.objects.filter(slug="authored-quiz").exists()

    def test_an_essay_with_a_rubric_and_a_model_answer(self, admin_client):
        from quizzes.rubrics import rubric_data

        response = self.create(admin_client, make_module(), [rubric_essay_form(weight="6")])
        assert response.status_code == 302, response.content.decode()[:2000]
        question = QuizPage.objects.get(slug="authored-quiz").questions.get()
        assert rubric_data(question.rubric) == [
            {
                "criterion": "Legal basis",
                "levels": [
                    {"points": "0.00", "description": "None."},
                    {"points": "4.00", "description": "Justified."},
                ],
            },
            {
                "criterion": "Preservation",
                "levels": [
                    {"points": "0.00", "description": "Lost."},
                    {"points": "2.00", "description": "Asked at once."},
                ],
            },
        ]
        assert "The model answer." in question.model_answer

    @pytest.mark.parametrize(
        ("question", "message"),
        [
            (
                rubric_essay_form(weight="5"),
                "must equal the sum of each criterion&#x27;s highest level (6.00)",
            ),
            (rubric_essay_form(kind="short_answer", accepted_answers="x"), "Only essay questions"),
            (rubric_essay_form(levels=[("2", "Same."), ("2", "Same again.")]), "different points"),
        ],
    )
    def test_a_bad_rubric_is_refused(self, admin_client, question, message):
        response = self.create(admin_client, make_module(), [question])
        assert response.status_code == 200 and message in response.content.decode()
        assert not QuizPage.objects.filter(slug="authored-quiz").exists()

    def test_a_question_bank_question_on_its_own(self, admin_client):
        category = QuestionCategory.objects.create(name="Evidence")
        url = reverse(BankQuestion.snippet_viewset.get_url_name("add"))
        data = nested_form_data(
            {
                **question_form(
                    "multiple_response",
                    "Which are safeguards?",
                    choices=[("Logging", True), ("Need to know", True), ("Gossip", False)],
                ),
                "category": str(category.pk),
            }
        )
        response = admin_client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        question = BankQuestion.objects.get()
        assert question.quiz is None and question.category == category
        assert question.choices.count() == 3
        final = make_quiz(draws=[(category, 1)])
        assert take(final, enrolled_learner(final), {}).responses.count() == 1

    def test_the_editor_preview_panel_shows_an_unsaved_draft(self):
        draft = QuizPage(title="Draft quiz")
        draft.questions = [single_choice("Shown in the panel?")]
        html = draft.make_preview_request().content.decode()
        assert "Shown in the panel?" in html and "nothing you answer is recorded" in html.lower()
        assert not QuizPage.objects.filter(title="Draft quiz").exists()

    def test_page_tree_rules(self):
        from courses.models import CoursePage, ModulePage

        assert QuizPage in ModulePage.allowed_subpage_models()
        assert QuizPage.allowed_parent_page_models() == [ModulePage]
        assert not QuizPage.allowed_subpage_models()
        assert CoursePage not in QuizPage.allowed_parent_page_models()
        assert str(QuizPage.step_kind_label) == "Quiz"


def test_marks_are_decimal_in_the_form(quiz):
    from quizzes.forms import MarkingForm

    form = MarkingForm({"mark": "0.75", "comment": ""}, max_mark=Decimal(1))
    assert form.is_valid() and form.cleaned_data["mark"] == Decimal("0.75")
