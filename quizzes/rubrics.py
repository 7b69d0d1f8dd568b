"""Essay rubrics: criteria with levels whose points add up to the mark.

A trainer writes a rubric on an essay question (`Question.rubric`, a StreamField); it is
frozen with the question into `QuestionVersion.rubric` as plain data, so re-wording a
rubric never changes how a past answer was marked:

    [{"criterion": "Legal basis", "levels": [{"points": "0.00", "description": "..."}, ...]}]

The marker picks one level per criterion; the mark is computed here from the frozen
rubric, never taken from the form. A level is named in the form by a key that says which
version and which criterion it belongs to, so a level posted for the wrong criterion or
copied from another question is refused with a message saying so.
"""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from quizzes.blocks import RubricBlock
from quizzes.models.attempts import Response
from quizzes.models.questions import QuestionKind

POINTS_STEP = Decimal("0.01")


class RubricError(Exception):
    """Marks from levels refused; `errors` maps a criterion's place to a message."""

    def __init__(self, errors):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def _points(value):
    return str(Decimal(str(value)).quantize(POINTS_STEP))


def rubric_data(value):
    """A rubric as plain data, from a StreamField value or the frozen list."""
    if not value:
        return []
    if isinstance(value, list) and all(isinstance(c, dict) and "criterion" in c for c in value):
        return value  # frozen already
    criteria = []
    for block in value:
        if block.block_type != "criterion":
            continue
        criteria.append(
            {
                "criterion": block.value["criterion"],
                "levels": [
                    {"points": _points(level["points"]), "description": level["description"]}
                    for level in block.value["levels"]
                    if level["points"] is not None
                ],
            }
        )
    return criteria


def rubric_stream(criteria):
    """StreamField data for a rubric given as plain data (as the seed files write it)."""
    return RubricBlock().to_python(
        [
            {
                "type": "criterion",
                "value": {
                    "criterion": criterion["criterion"],
                    "levels": [dict(level) for level in criterion["levels"]],
                },
            }
            for criterion in criteria
        ]
    )


def rubric_total(criteria):
    """The most marks the rubric gives: the sum of each criterion's highest level."""
    return sum(
        (max(Decimal(level["points"]) for level in c["levels"]) for c in criteria if c["levels"]),
        Decimal(0),
    )


def rubric_errors(kind, weight, criteria):
    """What is wrong with a question's rubric, as a list of messages (empty if nothing)."""
    if not criteria:
        return []
    if kind != QuestionKind.ESSAY:
        return [_("Only essay questions are marked with a rubric: remove it.")]
    problems = []
    for criterion in criteria:
        name = criterion["criterion"].strip()
        if not name:
            problems.append(_("Every criterion needs a name."))
            continue
        levels = criterion["levels"]
        if len(levels) < 2:
            problems.append(_("Give “%(criterion)s” at least two levels.") % {"criterion": name})
        points = [Decimal(level["points"]) for level in levels]
        if any(value < 0 for value in points):
            problems.append(_("Points cannot be negative (“%(criterion)s”).") % {"criterion": name})
        if len(set(points)) != len(points):
            problems.append(
                _("The levels of “%(criterion)s” need different points.") % {"criterion": name}
            )
        if any(not level["description"].strip() for level in levels):
            problems.append(_("Describe every level of “%(criterion)s”.") % {"criterion": name})
    if not problems and weight is not None and rubric_total(criteria) != Decimal(weight):
        problems.append(
            _(
                "The question's marks (%(weight)s) must equal the sum of each criterion's "
                "highest level (%(total)s)."
            )
            % {"weight": _points(weight), "total": _points(rubric_total(criteria))}
        )
    return problems


def rubric_field_errors(question):
    """{field name: message} for `Question.clean` (the editor and the seed loader)."""
    try:
        criteria = rubric_data(question.rubric)
    except (InvalidOperation, TypeError, KeyError):
        return {"rubric": _("The rubric could not be read.")}
    problems = rubric_errors(question.kind, question.weight, criteria)
    return {"rubric": " ".join(problems)} if problems else {}


# Marking.


def level_key(version_id, criterion, level):
    return f"{version_id}-{criterion}-{level}"


def _parse_key(key):
    parts = str(key).split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return None
    return tuple(int(part) for part in parts)


def levels_mark(version, picks):
    """The mark from the levels picked: {criterion place: level key} → (mark, level places).

    Every criterion needs exactly one of its own levels.
    """
    criteria = version.rubric
    errors = {}
    chosen = []
    for index, criterion in enumerate(criteria):
        key = picks.get(index) or ""
        parsed = _parse_key(key)
        if not key:
            errors[index] = _("Choose a level for “%(criterion)s”.") % {
                "criterion": criterion["criterion"]
            }
        elif parsed is None:
            errors[index] = _("Choose one of the levels of “%(criterion)s”.") % {
                "criterion": criterion["criterion"]
            }
        elif parsed[0] != version.pk:
            errors[index] = _("That level belongs to another question.")
        elif parsed[1] != index:
            errors[index] = _(
                "That level belongs to another criterion: choose one of the levels of "
                "“%(criterion)s”."
            ) % {"criterion": criterion["criterion"]}
        elif not 0 <= parsed[2] < len(criterion["levels"]):
            errors[index] = _("Choose one of the levels of “%(criterion)s”.") % {
                "criterion": criterion["criterion"]
            }
        else:
            chosen.append(parsed[2])
    extra = set(picks) - set(range(len(criteria)))
    if extra:
        errors[min(extra)] = _("The rubric has no such criterion.")
    if errors:
        raise RubricError(errors)
    mark = sum(
        (Decimal(c["levels"][level]["points"]) for c, level in zip(criteria, chosen, strict=True)),
        Decimal(0),
    )
    return mark, chosen


def mark_with_rubric(response, *, picks, comment, marker, reason="", now=None):
    """Mark an essay from the rubric levels picked; the attempt is regraded as for any mark
    (and a re-mark needs a reason, as any re-mark)."""
    from quizzes.lifecycle import mark_response

    mark, chosen = levels_mark(response.version, picks)
    with transaction.atomic():
        attempt = mark_response(
            response, mark=mark, comment=comment, marker=marker, reason=reason, now=now
        )
        Response.objects.filter(pk=response.pk).update(rubric_levels=chosen)
    return attempt


# What the learner sees.


def rubric_rows(criteria, chosen):
    """The rubric with the level given for each criterion, for the templates."""
    rows = []
    for index, criterion in enumerate(criteria):
        picked = chosen[index] if index < len(chosen) else None
        levels = [
            {**level, "chosen": place == picked} for place, level in enumerate(criterion["levels"])
        ]
        rows.append(
            {
                "criterion": criterion["criterion"],
                "levels": levels,
                "points": levels[picked]["points"] if picked is not None else None,
                "max": max(Decimal(level["points"]) for level in criterion["levels"]),
            }
        )
    return rows


def essay_review(item, options):
    """The rubric and model answer of a marked essay, as the review options allow.

    Nothing before a trainer has marked the answer: an essay left blank is given 0 when
    submitted, and its model answer must not be handed out then either.
    """
    response = item.response
    if response is None or response.marked_at is None:
        return {"rubric": [], "model_answer": ""}
    version = response.version
    return {
        "rubric": rubric_rows(version.rubric, response.rubric_levels) if options.marks else [],
        "model_answer": version.model_answer if options.explanation or options.right_answer else "",
    }
