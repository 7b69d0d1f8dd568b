"""Question kinds are classes registered by name: a new kind is one class and one template.

The toy kind here ("estimate": a percentage, full marks within the tolerance, half marks
within twice the tolerance) is registered only for these tests, with a template in a
folder of its own, and taken through a whole attempt: the page, the post, the grade and
the review. Nothing else in the application learns about it.
"""

from decimal import Decimal

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy

import pytest
from bs4 import BeautifulSoup

from courses.seed_specs import SeedError
from quizzes import kinds
from quizzes.kinds import AnswerError, QuestionKind, QuestionKindBase
from quizzes.kinds.text import TextKind, parse_number
from quizzes.models import Attempt, AttemptState, Question, QuestionVersion
from quizzes.seed_questions import read_question
from tests.builders import enrolled_learner
from tests.quizzes.builders import make_quiz

pytestmark = pytest.mark.django_db

HALF = Decimal("0.5")


class Estimate(TextKind):
    name = "estimate"
    label = gettext_lazy("Estimate (a percentage)")
    max_text_length = 3
    seed_fields = frozenset({"answer", "tolerance"})

    def canonical_fields(self, question):
        return {
            "numeric_answer": str(question.numeric_answer),
            "tolerance": str(question.tolerance or 0),
        }

    def check_text(self, text):
        if text and not (text.isdigit() and 0 <= int(text) <= 100):
            raise AnswerError("Give a whole percentage from 0 to 100.")

    def fraction(self, question, answer):
        given = parse_number(answer.text)
        if given is None:
            return Decimal(0)
        off = abs(given - question.numeric_answer)
        if off <= question.tolerance:
            return Decimal(1)
        return HALF if off <= 2 * question.tolerance else Decimal(0)

    def right_answer(self, question):
        return [f"{question.numeric_answer.normalize():f} %"]

    def field_errors(self, question):
        if question.numeric_answer is None or not 0 <= question.numeric_answer <= 100:
            return {"numeric_answer": "Give the percentage, from 0 to 100."}
        return {}

    def read_seed(self, spec, fields, choices, where):
        fields["numeric_answer"] = Decimal(str(spec["answer"]))
        fields["tolerance"] = Decimal(str(spec.get("tolerance", 0)))


ESTIMATE_TEMPLATE = (
    '<label for="{{ question.text.id }}">Your estimate (%)</label>'
    '<input type="number" min="0" max="100" id="{{ question.text.id }}" '
    'name="{{ question.text.name }}" value="{{ question.text.value }}" data-kind="estimate">'
)


@pytest.fixture
def estimate_kind(tmp_path, settings):
    folder = tmp_path / "quizzes" / "kinds"
    folder.mkdir(parents=True)
    (folder / "estimate.html").write_text(ESTIMATE_TEMPLATE)
    settings.TEMPLATES = [
        {**django_settings.TEMPLATES[0], "DIRS": [*django_settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]
    kinds.register(Estimate)
    yield kinds.get("estimate")
    kinds.unregister("estimate")


def estimate_question(**fields):
    values = {
        "kind": "estimate",
        "prompt": "What share of cybercrime crosses a border?",
        "numeric_answer": Decimal(60),
        "tolerance": Decimal(5),
        "explanation": "Europol, 2016.",
        **fields,
    }
    question = Question(**values)
    question.choices = []
    return question


def page(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


class TestRegistry:
    def test_every_shipped_kind_is_registered_with_its_template(self):
        assert set(kinds.names()) == set(QuestionKind)
        for kind in kinds.all():
            assert isinstance(kind, QuestionKindBase)
            assert kind.template == f"quizzes/kinds/{kind.name}.html"
            assert (django_settings.BASE_DIR / "templates" / kind.template).is_file()

    def test_the_models_take_their_kinds_from_the_registry(self):
        field = Question._meta.get_field("kind")
        assert [name for name, _label in field.choices] == kinds.names()
        assert [name for name, _label in QuestionVersion._meta.get_field("kind").choices] == (
            kinds.names()
        )

    def test_an_unknown_kind_is_refused_by_name(self):
        with pytest.raises(ValueError, match="unknown question kind 'dice'"):
            kinds.get("dice")
        question = Question(kind="dice", prompt="Roll.")
        with pytest.raises(ValidationError) as error:
            question.full_clean(exclude=["quiz", "category", "sort_order"])
        assert "kind" in error.value.message_dict


class TestANewKind:
    def test_the_model_accepts_it_without_a_migration_and_checks_it_as_the_kind_says(
        self, estimate_kind
    ):
        assert "estimate" in dict(Question._meta.get_field("kind").choices)
        estimate_question().full_clean(exclude=["quiz", "category", "sort_order"])
        with pytest.raises(ValidationError) as error:
            estimate_question(numeric_answer=Decimal(120)).full_clean(
                exclude=["quiz", "category", "sort_order"]
            )
        assert error.value.message_dict["numeric_answer"] == ["Give the percentage, from 0 to 100."]

    def test_the_seed_files_can_use_it(self, estimate_kind):
        fields, choices = read_question(
            {"key": "share", "kind": "estimate", "prompt": "Which share?", "answer": 60}
        )
        assert fields["kind"] == "estimate" and fields["numeric_answer"] == Decimal(60)
        assert choices == []
        with pytest.raises(SeedError, match="unknown field"):
            read_question(
                {"key": "x", "kind": "estimate", "prompt": "?", "answer": 60, "pairs": []}
            )

    def test_a_learner_takes_an_attempt_with_it(self, client, estimate_kind):
        quiz = make_quiz(questions=[estimate_question()], attempts_allowed=3)
        learner = enrolled_learner(quiz)
        client.force_login(learner)

        client.post(reverse("quizzes:start", args=[quiz.pk]))
        attempt = Attempt.objects.get(user=learner)
        form = page(client.get(reverse("quizzes:attempt", args=[attempt.pk])))
        box = form.find("input", attrs={"data-kind": "estimate"})
        assert box["type"] == "number" and box["name"] == "q1"
        assert "60" not in str(form.find("form", attrs={"data-quiz-form": True}))

        refused = client.post(
            reverse("quizzes:submit", args=[attempt.pk]),
            {"saved_version": "0", "q1": "150", "finish": "1"},
        )
        assert "Give a whole percentage from 0 to 100." in refused.content.decode()

        client.post(
            reverse("quizzes:submit", args=[attempt.pk]),
            {"saved_version": "0", "q1": "68", "finish": "1"},
        )
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.GRADED
        assert attempt.score == HALF and attempt.percent == 50

        review = page(client.get(reverse("quizzes:result", args=[attempt.pk])))
        section = review.find("section", class_="quiz-review")
        assert section.find("blockquote").get_text(strip=True) == "68"
        assert "Partly correct" in section.get_text()
