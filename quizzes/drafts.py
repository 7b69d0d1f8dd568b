"""Autosave in one statement: the answers of an attempt in progress, kept on the attempt.

While a learner works, `quiz.js` posts the whole form a second or two after each change.
Rewriting the response rows each time costs a transaction, the learner's locks and a
delete and insert of the choices picked; instead, an autosave stores every answer of the
form in the attempt's `draft` column with one conditional UPDATE, which only succeeds if
the attempt is still in progress, within its time and at the version the form was loaded
at. That statement takes the attempt's row lock for its own duration and nothing else, so
the order of `quizzes.locking` holds (it never waits for the grade row while holding the
attempt's), and a submission that holds both locks makes it wait, then fail its condition.

Whatever the UPDATE cannot decide (a stale form, a closed or overdue attempt, an answer
that cannot be taken) goes the slow way, `attempts.post_answers`, under the locks.
`paper.load_paper` lays the draft over the saved answers, so every page and the grading
see it; saving or submitting the form writes it into the responses and empties it.
"""

from types import SimpleNamespace

from django.db.models import F, Q

from quizzes.models.attempts import Attempt, AttemptState


def encode(items, answers):
    """The draft of `answers` (position → Answer) to `items`: JSON, by position."""
    return {
        str(item.position): {
            "text": answers[item.position].text,
            "rows": [list(row) for row in item.kind.selection_rows(answers[item.position])],
        }
        for item in items
        if item.position in answers
    }


def decode(item, entry):
    """The Answer a draft entry stores for `item`, as the response rows would give it."""
    rows = [
        SimpleNamespace(choice_id=key, position=position, matched_id=matched)
        for key, position, matched in entry.get("rows", [])
    ]
    return item.kind.answer_from_rows(entry.get("text", ""), rows)


def drafted_positions(attempt):
    return {int(position) for position in (attempt.draft or {})}


def save_draft(attempt, items, parsed, *, saved_version, now):
    """Autosave the posted answers in one UPDATE. True if they are saved (or already were).

    False means nothing was stored and the slow path must decide: an answer was refused
    (the others are then saved under the locks), the form is stale, or the attempt is
    closed or past its deadline. `attempt` was read in this request; it is updated to the
    version saved.
    """
    if parsed.errors or saved_version != str(attempt.saved_version):
        return False
    if not attempt.is_open or (attempt.deadline is not None and now > attempt.deadline):
        return False
    draft = encode(items, parsed.answers)
    if attempt.draft == draft:  # a second click, or a save with nothing new: already stored
        return True
    saved = (
        Attempt.objects.filter(
            pk=attempt.pk, state=AttemptState.IN_PROGRESS, saved_version=attempt.saved_version
        )
        .filter(Q(deadline__isnull=True) | Q(deadline__gte=now))
        .update(draft=draft, saved_version=F("saved_version") + 1, last_saved_at=now)
    )
    if not saved:
        return False
    attempt.draft = draft
    attempt.saved_version += 1
    attempt.last_saved_at = now
    return True
