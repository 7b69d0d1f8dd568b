"""A test-wise learner cannot do better than a blind one, for every kind of question.

The learner reads everything an attempt page carries (control names, ids, values, data
attributes, inline scripts and JSON, comments, the order of things, the lengths of tokens)
and everything the autosave endpoint answers, and answers from that alone with a set of
cunning strategies. Each question kind is taken in several "worlds": the same question as
the learner sees it (same texts), with the right answer in a different place in each
world, and for ordering with every way the items can be shuffled. A strategy's expected
score is its mean over the worlds; a blind learner's is the best mean that any fixed
answer, chosen from the visible texts alone, gets over the same worlds. If the page told
a right answer from a wrong one, some strategy would follow it in every world and beat
the blind learner. Grading goes through the server's own parsing and grading.

The opaque tokens that name choices are random to a learner, and differ from world to
world (they are keyed by the attempt). So that a strategy that ranks tokens is judged by
what they share and not by luck, each token is renamed to a placeholder of the same length,
in the order it first appears in the page: equal tokens stay equal, a name that embeds a
token still embeds it, and a page that carries nothing reads the same in every world.

A question kind with no worlds below fails the test: a new kind is covered from day one.
"""

import itertools
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import permutations

from django.http import QueryDict
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup, Comment

from quizzes import kinds
from quizzes.attempts import start_attempt
from quizzes.forms import parse_answers
from quizzes.grading import fraction
from quizzes.kinds import QuestionKind
from quizzes.models import QuestionChoice
from quizzes.paper import load_paper
from tests.builders import enrolled_learner
from tests.quizzes.builders import (
    essay,
    make_quiz,
    multiple_response,
    numeric,
    short_answer,
    single_choice,
    true_false,
)
from tests.quizzes.builders import (
    matching as matching_question,
)
from tests.quizzes.builders import (
    ordering as ordering_question,
)

pytestmark = pytest.mark.django_db

LABELS = ("Alpha", "Bravo", "Charlie", "Delta")
PROMPTS = ("Interpol", "Europol", "Eurojust")
MATCHES = ("Lyon", "The Hague (police)", "The Hague (justice)")


# --- The worlds: one question, the right answer elsewhere in each ----------------------


def single_choice_worlds():
    # The choices always typed in the same order; only which one is right changes.
    for right in LABELS:
        question = single_choice(right=right, wrong=())
        question.choices = [QuestionChoice(text=t, is_correct=t == right) for t in LABELS]
        yield question, {}


def true_false_worlds():
    for answer in (True, False):
        yield true_false(answer=answer), {}


def multiple_response_worlds():
    # Every non-empty set of right choices, the choices always typed in the same order.
    for size in range(1, len(LABELS) + 1):
        for right in itertools.combinations(LABELS, size):
            question = multiple_response(right=(), wrong=())
            question.choices = [QuestionChoice(text=t, is_correct=t in right) for t in LABELS]
            yield question, {}


def matching_worlds():
    for matches in permutations(MATCHES):
        yield matching_question(pairs=tuple(zip(PROMPTS, matches, strict=True))), {}


def ordering_worlds():
    # Every right order, each shown in every shuffle the server can draw.
    for order in permutations(LABELS[:3]):
        for shuffle in permutations(range(3)):
            yield ordering_question(items=order), {"shuffle": shuffle}


def short_answer_worlds():
    for word in LABELS[:3]:
        yield short_answer(prompt="Name the operation.", accepted=(word,)), {}


def numeric_worlds():
    for number in (1994, 2000, 2008):
        yield numeric(prompt="Which year?", answer=number), {}


def essay_worlds():
    # An essay has no right answer to find, but the marker's guidance must stay hidden.
    for word in LABELS[:3]:
        yield essay(prompt="Explain.", guidance=f"Mentions {word}."), {}


WORLDS = {
    QuestionKind.SINGLE_CHOICE: single_choice_worlds,
    QuestionKind.TRUE_FALSE: true_false_worlds,
    QuestionKind.MULTIPLE_RESPONSE: multiple_response_worlds,
    QuestionKind.MATCHING: matching_worlds,
    QuestionKind.ORDERING: ordering_worlds,
    QuestionKind.SHORT_ANSWER: short_answer_worlds,
    QuestionKind.NUMERIC: numeric_worlds,
    QuestionKind.ESSAY: essay_worlds,
}


class FixedShuffle(random.Random):
    """Stands in for the server's random source: shuffles by a given permutation."""

    permutation = None

    def shuffle(self, items):
        if self.permutation is not None and len(items) == len(self.permutation):
            items[:] = [items[i] for i in self.permutation]


# --- What the page carries ---------------------------------------------------------------


@dataclass
class Control:
    """One named answer control of the form: a radio or checkbox group, a select, a text box."""

    name: str
    kind: str  # radio | checkbox | select | text
    label: str  # the visible label of a row or text box ("" for a group)
    attrs: list = field(default_factory=list)  # the control's own attributes, each element
    options: list = field(default_factory=list)  # [(value, visible label, attrs)]


@dataclass
class Page:
    controls: list
    hidden_strings: list  # every string the page carries that a learner does not read
    tokens: dict  # placeholder → the real token it stands for


OPAQUE_TOKEN = re.compile(r"[0-9a-f]{16,}")
PLACEHOLDER = re.compile(r"t\d{15,}")


def rename_tokens(texts):
    """Each opaque token → a placeholder of its length, numbered by first appearance."""
    placeholders = {}

    def placeholder(match):
        token = match.group()
        if token not in placeholders:
            number = str(len(placeholders) + 1)
            placeholders[token] = "t" + number.rjust(len(token) - 1, "0")
        return placeholders[token]

    renamed = [OPAQUE_TOKEN.sub(placeholder, text) for text in texts]
    return renamed, {p: token for token, p in placeholders.items()}


def read_page(html, extra_strings=()):
    (html, *extra_strings), tokens = rename_tokens([html, *extra_strings])
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", attrs={"data-quiz-form": True})
    controls = {}
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name", "")
        if not name.startswith("q"):
            continue
        label = soup.find("label", attrs={"for": element.get("id")})
        label_text = label.get_text(" ", strip=True) if label else ""
        if element.name == "select":
            controls[name] = Control(
                name,
                "select",
                label_text,
                [dict(element.attrs)],
                [
                    (option.get("value", ""), option.get_text(" ", strip=True), dict(option.attrs))
                    for option in element.find_all("option")
                    if option.get("value")
                ],
            )
        elif element.get("type") in ("radio", "checkbox"):
            control = controls.setdefault(name, Control(name, element["type"], ""))
            control.options.append((element["value"], label_text, dict(element.attrs)))
        else:
            controls[name] = Control(name, "text", label_text, [dict(element.attrs)])
    hidden = []
    for element in soup.find_all(True):
        for value in element.attrs.values():
            hidden.extend(value if isinstance(value, list) else [value])
        if element.name in ("script", "template"):
            hidden.append(element.get_text())
    hidden.extend(
        str(comment) for comment in soup.find_all(string=lambda s: isinstance(s, Comment))
    )
    hidden.extend(extra_strings)
    return Page(list(controls.values()), [s for s in hidden if isinstance(s, str) and s], tokens)


def strings_in(value):
    """Every string inside a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
    elif value is not None:
        yield str(value)


# --- The test-wise learner's strategies: page → {control name: value or values} ----------


def _count_elsewhere(page, value):
    return sum(s.count(value) for s in page.hidden_strings) - 1  # its own value= once


def _common_run(a, b):
    """Length of the longest common substring: a name that embeds a value shares it."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def _pick(rule):
    """A strategy that picks, in every control, the option that `rule` ranks first."""

    def strategy(page):
        answer = {}
        for index, control in enumerate(page.controls):
            if control.kind == "text":
                continue
            ranked = sorted(
                enumerate(control.options), key=lambda o: rule(page, control, index, *o)
            )
            answer[control.name] = ranked[0][1][0]
        return answer

    return strategy


def _checkbox_subset(rule):
    """A strategy that ticks every checkbox that `rule` says yes to."""

    def strategy(page):
        answer = {}
        for control in page.controls:
            if control.kind == "checkbox":
                answer[control.name] = [
                    o[0] for i, o in enumerate(control.options) if rule(page, control, i, *o)
                ]
        return answer

    return strategy


def _rank_rows(rule):
    """Ordering: give rows positions in the order `rule` ranks them."""

    def strategy(page):
        rows = [c for c in page.controls if c.kind == "select"]
        ranked = sorted(range(len(rows)), key=lambda i: rule(rows[i], i))
        answer = {}
        for position, index in enumerate(ranked, start=1):
            row = rows[index]
            values = [o[0] for o in row.options]
            answer[row.name] = str(position) if str(position) in values else values[0]
        return answer

    return strategy


def _text_from_hidden(choose):
    def strategy(page):
        candidates = [s.strip() for s in page.hidden_strings if s.strip()]
        answer = {}
        for control in page.controls:
            if control.kind == "text" and candidates:
                answer[control.name] = choose(candidates)[:200]
        return answer

    return strategy


def _name_suffix(control):
    return control.name.split("-", 1)[-1]


STRATEGIES = {
    "first option": _pick(lambda page, c, ci, i, o: i),
    "last option": _pick(lambda page, c, ci, i, o: -i),
    "smallest value": _pick(lambda page, c, ci, i, o: o[0]),
    "largest value": _pick(lambda page, c, ci, i, o: [-ord(ch) for ch in o[0]]),
    "shortest value": _pick(lambda page, c, ci, i, o: len(o[0])),
    "longest value": _pick(lambda page, c, ci, i, o: -len(o[0])),
    "value named in the control": _pick(
        lambda page, c, ci, i, o: -_common_run(o[0], c.name + " ".join(map(str, c.attrs)))
    ),
    "value copied from the name": _pick(lambda page, c, ci, i, o: (o[0] != _name_suffix(c), i)),
    "value seen most elsewhere": _pick(lambda page, c, ci, i, o: -_count_elsewhere(page, o[0])),
    "value with most attributes": _pick(lambda page, c, ci, i, o: -len(o[2])),
    "row's place in the list": _pick(lambda page, c, ci, i, o: i != ci),
    "tick all": _checkbox_subset(lambda page, c, i, *o: True),
    "tick values seen elsewhere": _checkbox_subset(
        lambda page, c, i, value, *o: _count_elsewhere(page, value) > 0
    ),
    "tick the first half": _checkbox_subset(lambda page, c, i, *o: i < len(c.options) / 2),
    "tick small values": _checkbox_subset(
        lambda page, c, i, value, *o: value < sorted(x[0] for x in c.options)[len(c.options) // 2]
    ),
    "rows in the order shown": _rank_rows(lambda row, i: i),
    "rows by name": _rank_rows(lambda row, i: row.name),
    "rows by id": _rank_rows(lambda row, i: str(row.attrs)),
    "text of the longest hidden string": _text_from_hidden(lambda c: max(c, key=len)),
    "text of the shortest hidden string": _text_from_hidden(lambda c: min(c, key=len)),
    "text of the last hidden string": _text_from_hidden(lambda c: c[-1]),
    "text of a hidden number": _text_from_hidden(
        lambda c: next((s for s in c if s.isdigit() and len(s) == 4), c[0])
    ),
}


# --- Taking one world --------------------------------------------------------------------


@dataclass
class World:
    page: Page
    items: list  # the paper's items, as the server grades them
    guidance: str


def take_world(client, question, options, username):
    FixedShuffle.permutation = options.get("shuffle")
    quiz = make_quiz(questions=[question], shuffle_choices=False)
    learner = enrolled_learner(quiz, username=username)
    attempt, _created = start_attempt(learner, quiz)
    client.force_login(learner)
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    autosave = client.post(
        reverse("quizzes:autosave", args=[attempt.pk]),
        {"saved_version": str(attempt.saved_version)},
    ).json()
    page = read_page(html, extra_strings=list(strings_in(autosave)))
    return World(page, load_paper(attempt), getattr(question, "essay_guidance", ""))


def score(world, answer):
    """What the server gives `answer` (posted form values) in `world`, from 0 to 1."""
    real = world.page.tokens
    data = QueryDict(mutable=True)
    for name, value in answer.items():
        values = value if isinstance(value, list) else [value]
        data.setlist(
            PLACEHOLDER.sub(lambda m: real.get(m.group(), m.group()), name),
            [real.get(v, v) for v in values],
        )
    parsed = parse_answers(world.items, data)
    if parsed.errors:
        return Decimal(0)
    (item,) = world.items
    given = parsed.answers.get(item.position)
    if item.kind.marked_by_person:
        # The learner scores if they could copy the marker's guidance into their answer.
        return Decimal(int(bool(world.guidance) and world.guidance in given.text))
    return fraction(item.question, given)


def visible_answers(world):
    """Every answer a blind learner can give, by the texts they see, as posted values."""
    per_control = []
    for control in world.page.controls:
        by_label = sorted(control.options, key=lambda o: o[1])
        if control.kind == "checkbox":
            subsets = itertools.chain.from_iterable(
                itertools.combinations(by_label, n) for n in range(len(by_label) + 1)
            )
            per_control.append([(control.label, tuple(o[1] for o in subset)) for subset in subsets])
        elif control.kind == "text":
            guesses = [*LABELS, "1994", "2000", "2008", "Mentions Alpha."]
            per_control.append([(control.label, guess) for guess in guesses])
        else:
            per_control.append([(control.label, o[1]) for o in by_label])
    return [tuple(sorted(choice)) for choice in itertools.product(*per_control)]


def post_values(world, visible):
    """A blind answer (texts) as the values the world's page posts for it."""
    wanted = dict(visible)
    answer = {}
    for control in world.page.controls:
        texts = wanted[control.label]
        if control.kind == "text":
            answer[control.name] = texts
        elif control.kind == "checkbox":
            answer[control.name] = [o[0] for o in control.options if o[1] in texts]
        else:
            answer[control.name] = next(o[0] for o in control.options if o[1] == texts)
    return answer


def mean(values):
    values = list(values)
    return sum(values, Decimal(0)) / len(values)


@pytest.fixture
def fixed_shuffle(monkeypatch):
    monkeypatch.setattr(random, "SystemRandom", FixedShuffle)
    yield
    FixedShuffle.permutation = None


def test_every_question_kind_has_worlds():
    assert set(WORLDS) == set(kinds.names()), "add worlds for the new kind of question"


@pytest.mark.parametrize("kind", list(WORLDS), ids=str)
def test_a_test_wise_learner_does_no_better_than_a_blind_one(client, fixed_shuffle, kind):
    worlds = [
        take_world(client, question, options, username=f"officer{n}")
        for n, (question, options) in enumerate(WORLDS[kind]())
    ]
    assert len(worlds) > 1
    blind = max(
        mean(score(world, post_values(world, visible)) for world in worlds)
        for visible in visible_answers(worlds[0])
    )
    cunning = {
        name: mean(score(world, strategy(world.page)) for world in worlds)
        for name, strategy in STRATEGIES.items()
    }
    better = {name: float(value) for name, value in cunning.items() if value > blind}
    assert not better, f"blind learner scores {float(blind):.3f}; the page gives away {better}"
