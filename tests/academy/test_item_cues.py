"""Item quality of the seed courses: the cues that give an answer away stay out.

Reads every seed file in fixtures/courses/ as written (no database), the translations in
fixtures/courses/<language>/ too (a translation must not bring back a cue its English
avoids), and measures the rules of fixtures/README.md, "Item quality rules". Each failure names the course, the
question key and the rule it breaks, so the item can be found and rewritten.
"""

import re
from pathlib import Path

import pytest
import yaml

SEED_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "courses"
SEED_FILES = sorted(SEED_DIR.glob("*.yaml")) + sorted(SEED_DIR.glob("*/*.yaml"))

# The thresholds stated in fixtures/README.md.
MIN_SCENARIO_SHARE = 0.5
MAX_LONGEST_IS_RIGHT_SHARE = 0.35
MAX_SHORTEST_IS_RIGHT_SHARE = 0.40
ABSOLUTE_WORDS = {
    "en": ("always", "never", "only", "all", "none", "must", "every"),
    "ru": ("всегда", "никогда", "только", "все", "всё", "ни один", "должен", "обязан"),
    "uz": ("doimo", "hech qachon", "faqat", "barcha", "hech bir", "shart"),
}
GIVEAWAY_OPTIONS = ("all of the above", "none of the above")


def normal(text):
    return re.sub(r"\s+", " ", str(text)).strip().lower()


def contains_phrase(haystack, needle):
    """Whole words of `needle` occur in `haystack`, ignoring case and spacing."""
    needle = normal(needle)
    return bool(needle) and re.search(rf"\b{re.escape(needle)}\b", normal(haystack)) is not None


def graded_items(course):
    """(module title, question) for every question a learner meets: module quizzes and banks."""
    for module in course["modules"]:
        for step in module["steps"]:
            if step.get("type") == "quiz":
                for question in step.get("questions") or []:
                    yield module["title"], question
        for question in module.get("final_bank") or []:
            yield module["title"], question


def right_texts(question):
    if question["kind"] in ("single_choice", "multiple_response"):
        return [c["text"] for c in question["choices"] if c.get("correct")]
    if question["kind"] == "short_answer":
        return list(question["accepted"])
    return []


def item_problems(module_title, question, language="en"):
    """The per-item rules this question breaks, as readable reasons."""
    kind, prompt = question["kind"], question["prompt"]
    problems = []
    if kind == "true_false":
        words = [
            w for w in ABSOLUTE_WORDS[language] if re.search(rf"\b{w}\b", prompt, re.IGNORECASE)
        ]
        if words:
            problems.append(f"true/false statement uses absolute word(s) {', '.join(words)}")
    for choice in question.get("choices") or []:
        if any(phrase in normal(choice["text"]) for phrase in GIVEAWAY_OPTIONS):
            problems.append(f"option '{choice['text']}' is an all/none-of-the-above option")
    if kind == "short_answer":
        for accepted in question["accepted"]:
            if contains_phrase(prompt, accepted):
                problems.append(f"accepted answer '{accepted}' appears in the prompt")
    for text in right_texts(question):
        if contains_phrase(module_title, text):
            problems.append(f"right answer '{text}' appears in the module title")
    return problems


def right_option_is_longest(question):
    lengths = [(len(normal(c["text"])), bool(c.get("correct"))) for c in question["choices"]]
    right = max(length for length, correct in lengths if correct)
    return all(right > length for length, correct in lengths if not correct)


def right_option_is_shortest(question):
    lengths = [(len(normal(c["text"])), bool(c.get("correct"))) for c in question["choices"]]
    right = min(length for length, correct in lengths if correct)
    return all(right < length for length, correct in lengths if not correct)


def load(path):
    course = yaml.safe_load(path.read_text(encoding="utf-8"))
    course["language"] = path.parent.name if path.parent != SEED_DIR else "en"
    return course


@pytest.fixture(params=SEED_FILES, ids=[p.relative_to(SEED_DIR).as_posix() for p in SEED_FILES])
def course(request):
    return load(request.param)


def test_every_seed_file_is_measured():
    assert len(SEED_FILES) >= 3


def test_no_item_carries_a_cue_that_gives_its_answer_away(course):
    problems = [
        f"{question['key']}: {problem}"
        for title, question in graded_items(course)
        for problem in item_problems(title, question, course["language"])
    ]
    assert not problems, f"{course['slug']}:\n" + "\n".join(problems)


def test_at_least_half_of_the_items_are_scenarios(course):
    items = [question for _title, question in graded_items(course)]
    scenarios = [q for q in items if q.get("scenario") is True]
    share = len(scenarios) / len(items)
    assert share >= MIN_SCENARIO_SHARE, (
        f"{course['slug']}: {len(scenarios)} of {len(items)} items are scenarios ({share:.0%}); "
        "not marked: " + ", ".join(q["key"] for q in items if q.get("scenario") is not True)
    )


def test_the_right_option_is_not_usually_the_longest(course):
    single = [q for _t, q in graded_items(course) if q["kind"] == "single_choice"]
    longest = [q["key"] for q in single if right_option_is_longest(q)]
    share = len(longest) / len(single)
    assert share <= MAX_LONGEST_IS_RIGHT_SHARE, (
        f"{course['slug']}: the right option is the longest in {len(longest)} of {len(single)} "
        f"single-choice items ({share:.0%}): " + ", ".join(longest)
    )


def test_the_right_option_is_not_usually_the_shortest(course):
    # Evening out the lengths the other way must not create the opposite cue.
    single = [q for _t, q in graded_items(course) if q["kind"] == "single_choice"]
    shortest = [q["key"] for q in single if right_option_is_shortest(q)]
    share = len(shortest) / len(single)
    assert share <= MAX_SHORTEST_IS_RIGHT_SHARE, (
        f"{course['slug']}: the right option is the shortest in {len(shortest)} of {len(single)} "
        f"single-choice items ({share:.0%}): " + ", ".join(shortest)
    )


def test_multiple_response_items_vary_their_number_of_right_options(course):
    counts = {
        q["key"]: len(right_texts(q))
        for _t, q in graded_items(course)
        if q["kind"] == "multiple_response"
    }
    assert len(counts) >= 2, f"{course['slug']}: too few multiple-response items to vary"
    assert len(set(counts.values())) > 1, (
        f"{course['slug']}: every multiple-response item has {set(counts.values())} right "
        f"options: {', '.join(counts)}"
    )


@pytest.mark.parametrize(
    "question, module_title, reason",
    [
        (
            {"key": "k", "kind": "true_false", "prompt": "Ethereum is always traceable."},
            "Any",
            "absolute word(s) always",
        ),
        (
            {
                "key": "k",
                "kind": "single_choice",
                "prompt": "Which?",
                "choices": [{"text": "A", "correct": False}, {"text": "All of the above"}],
            },
            "Any",
            "all/none-of-the-above",
        ),
        (
            {
                "key": "k",
                "kind": "short_answer",
                "prompt": "Name the UNTOC.",
                "accepted": ["UNTOC"],
            },
            "Any",
            "appears in the prompt",
        ),
        (
            {
                "key": "k",
                "kind": "single_choice",
                "prompt": "Which?",
                "choices": [{"text": "Naples", "correct": True}, {"text": "Rome"}],
            },
            "From Naples 1994 to Palermo",
            "appears in the module title",
        ),
    ],
)
def test_each_rule_catches_the_cue_it_is_for(question, module_title, reason):
    assert any(reason in problem for problem in item_problems(module_title, question))


def test_a_clean_item_passes_every_rule():
    question = {
        "key": "k",
        "kind": "single_choice",
        "prompt": "A bank abroad holds the records. Which channel do you use?",
        "choices": [
            {"text": "A request for mutual legal assistance", "correct": True},
            {"text": "A phone call to a friend at the bank asking for a copy"},
        ],
    }
    assert item_problems("Formal routes for evidence", question) == []
    assert not right_option_is_longest(question)
    assert right_option_is_shortest(question)


@pytest.mark.parametrize(
    "language, statement",
    [
        ("ru", "Интерпол всегда отвечает в тот же день."),
        ("uz", "Interpol doimo shu kuni javob beradi."),
    ],
)
def test_absolute_words_are_caught_in_the_translations_too(language, statement):
    question = {"key": "k", "kind": "true_false", "prompt": statement}
    assert any("absolute word" in p for p in item_problems("Any", question, language))
