"""Builders for quiz tests: questions as a trainer would write them, quizzes, attempts."""

from decimal import Decimal

from django.utils import timezone

from quizzes.attempts import post_answers, start_attempt
from quizzes.forms import read_attempt_form
from quizzes.kinds import QuestionKind
from quizzes.models import (
    Question,
    QuestionChoice,
    QuizDrawRule,
    QuizFeedbackBand,
    QuizPage,
)
from quizzes.paper import load_paper
from tests.builders import make_course, modules_of


def _question(kind, prompt, weight=1, **fields):
    choices = fields.pop("choices", [])
    question = Question(kind=kind, prompt=prompt, weight=Decimal(str(weight)), **fields)
    question.choices = choices
    return question


def single_choice(prompt="Which is right?", right="Right", wrong=("Wrong", "Also wrong"), **fields):
    choices = [QuestionChoice(text=right, is_correct=True, feedback=f"Yes: {right}.")]
    choices += [QuestionChoice(text=text, feedback=f"No: {text}.") for text in wrong]
    return _question(QuestionKind.SINGLE_CHOICE, prompt, choices=choices, **fields)


def multiple_response(prompt="Which apply?", right=("A", "B", "C"), wrong=("D", "E"), **fields):
    choices = [QuestionChoice(text=text, is_correct=True) for text in right]
    choices += [QuestionChoice(text=text) for text in wrong]
    return _question(QuestionKind.MULTIPLE_RESPONSE, prompt, choices=choices, **fields)


def true_false(prompt="The statement holds.", answer=True, **fields):
    return _question(
        QuestionKind.TRUE_FALSE,
        prompt,
        true_false_answer="true" if answer else "false",
        feedback_true="You said true.",
        feedback_false="You said false.",
        **fields,
    )


def short_answer(prompt="Name it.", accepted=("Crime as a Service",), **fields):
    return _question(
        QuestionKind.SHORT_ANSWER, prompt, accepted_answers="\n".join(accepted), **fields
    )


def numeric(prompt="Which year?", answer=2000, tolerance=0, **fields):
    return _question(
        QuestionKind.NUMERIC,
        prompt,
        numeric_answer=Decimal(str(answer)),
        tolerance=Decimal(str(tolerance)),
        **fields,
    )


def ordering(prompt="Put in order.", items=("First", "Second", "Third", "Fourth"), **fields):
    choices = [QuestionChoice(text=text) for text in items]
    return _question(QuestionKind.ORDERING, prompt, choices=choices, **fields)


def matching(
    prompt="Match them.",
    pairs=(("Monero", "Private"), ("Bitcoin", "Public"), ("Zcash", "Optional")),
    **fields,
):
    choices = [QuestionChoice(text=text, match_text=match) for text, match in pairs]
    return _question(QuestionKind.MATCHING, prompt, choices=choices, **fields)


def essay(prompt="Explain.", guidance="Mentions the central authority.", **fields):
    return _question(QuestionKind.ESSAY, prompt, essay_guidance=guidance, **fields)


def make_module(title="Quiz course"):
    """A live course with one empty module, without revisions: quiz tests do not need them,
    and they make each test much slower."""
    return modules_of(make_course(title, lessons=0, revisions=False))[0]


def make_quiz(
    module=None, *, questions=(), draws=(), bands=(), title="Check your understanding", **settings
):
    """A live quiz page in `module` (a new one-module course if none)."""
    module = module or make_module()
    quiz = QuizPage(title=title, **settings)
    quiz.questions = list(questions)
    quiz.draw_rules = [QuizDrawRule(category=category, count=count) for category, count in draws]
    quiz.feedback_bands = [QuizFeedbackBand(min_percent=low, feedback=text) for low, text in bands]
    return module.add_child(instance=quiz)


def paper(attempt):
    return {item.position: item for item in load_paper(attempt)}


def item_for(attempt, prompt):
    return next(item for item in load_paper(attempt) if item.question.prompt == prompt)


def form_data(attempt, answers, **extra):
    """POST data for `attempt`: {prompt: value} with choice texts turned into tokens.

    A value is a choice text (or a list of them), free text for text questions, a list of
    item texts in the order given for ordering, or {prompt: match} for matching.
    """
    data = {"saved_version": str(attempt.saved_version), **extra}
    for item in load_paper(attempt):
        if item.question.prompt not in answers:
            continue
        value = answers[item.question.prompt]
        by_text = {choice.text: choice for choice in item.question.choices}
        kind = item.question.kind
        if kind == QuestionKind.TRUE_FALSE:
            wanted = {True: "True", False: "False"}[value]
            data[item.name] = item.token(by_text[wanted].key)
        elif kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_RESPONSE):
            texts = value if isinstance(value, list | tuple) else [value]
            data[item.name] = [item.token(by_text[text].key) for text in texts]
        elif kind == QuestionKind.ORDERING:
            for position, text in enumerate(value, start=1):
                data[item.row_name(by_text[text].key)] = str(position)
        elif kind == QuestionKind.MATCHING:
            options = {text: token for token, text in item.match_options}
            for prompt, match in value.items():
                data[item.row_name(by_text[prompt].key)] = options[match]
        else:
            data[item.name] = value
    return data


def post_form(attempt, data, *, finish, now=None):
    """Post `data` (a QueryDict) for `attempt` as the quiz views do: read, then hand over."""
    items, parsed = read_attempt_form(attempt, data)
    return post_answers(
        attempt, items, parsed, saved_version=data.get("saved_version"), finish=finish, now=now
    )


def take(quiz, user, answers, *, finish=True, now=None):
    """Start an attempt, answer it and (by default) submit it; returns the attempt."""
    from django.http import QueryDict

    now = now or timezone.now()
    attempt, _created = start_attempt(user, quiz, now=now)
    query = QueryDict(mutable=True)
    for key, value in form_data(attempt, answers).items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    outcome = post_form(attempt, query, finish=finish, now=now)
    assert outcome.status in ("finished", "saved"), (outcome.status, outcome.errors)
    return outcome.attempt


CASE_RUBRIC = [
    {
        "criterion": "Legal basis",
        "levels": [
            {"points": 0, "description": "No legal basis named."},
            {"points": 2, "description": "Names UNTOC Art. 18 without checking Art. 3."},
            {"points": 4, "description": "Chooses and justifies the legal basis."},
        ],
    },
    {
        "criterion": "Urgent preservation",
        "levels": [
            {"points": 0, "description": "Loses the logs."},
            {"points": 2, "description": "Asks the 24/7 point of contact to preserve the logs."},
        ],
    },
]


def essay_with_rubric(
    prompt="Draft the request.",
    criteria=CASE_RUBRIC,
    model_answer="<p>The model answer cites Art. 18(13) and asks for preservation.</p>",
    **fields,
):
    """An essay marked with a rubric (6 marks: 4 + 2) and with a model answer."""
    from quizzes.rubrics import rubric_stream

    fields.setdefault("weight", 6)
    return essay(prompt, rubric=rubric_stream(criteria), model_answer=model_answer, **fields)


def translate(instance, language, words=lambda text: f"RU {text}"):
    """Translate `instance` (a quiz page or a bank question) into `language` the way a
    translator does in the admin: every segment through wagtail-localize, then publish.
    `words(english)` gives each segment's translation; slugs and keys stay as they are."""
    from wagtail.models import Locale

    from wagtail_localize.models import Translation, TranslationSource

    from courses.seed_translations import publish_translation

    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=Locale.objects.get(language_code=language)
    )
    po = translation.export_po()
    for entry in po:
        entry.msgstr = entry.msgid if entry.msgctxt == "slug" else words(entry.msgid)
    translation.import_po(po)
    publish_translation(translation, instance)
    return instance.get_translation(translation.target_locale)
