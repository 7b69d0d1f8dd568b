"""An essay's `rubric:` and `model_answer:` in the seed files (fixtures/README.md)."""

from decimal import Decimal

from courses.seed_specs import SeedError, check_keys, require
from quizzes.rubrics import rubric_errors, rubric_stream

CRITERION_FIELDS = {"criterion", "levels"}
LEVEL_FIELDS = {"points", "description"}


def read_rubric(spec, fields, where, *, takes_rubric):
    """Set `fields['rubric']` and `fields['model_answer']` from an essay's spec."""
    criteria_specs = spec.get("rubric")
    if criteria_specs is not None:
        if not isinstance(criteria_specs, list) or not criteria_specs:
            raise SeedError(f"{where}: 'rubric' must be a non-empty list of criteria", spec)
        criteria = [_criterion(item, where) for item in criteria_specs]
        problems = rubric_errors(takes_rubric, fields["weight"], criteria)
        if problems:
            raise SeedError(f"{where}: rubric: {' '.join(problems)}", criteria_specs)
        fields["rubric"] = rubric_stream(criteria)
    answer = spec.get("model_answer")
    if answer is not None:
        if not isinstance(answer, str):
            raise SeedError(f"{where}: 'model_answer' must be text (HTML)", spec)
        fields["model_answer"] = answer.strip()


def _criterion(item, where):
    if not isinstance(item, dict):
        raise SeedError(f"{where}: each rubric entry is a mapping (criterion, levels)", item)
    check_keys(item, CRITERION_FIELDS, where=f"{where}, rubric")
    name = require(item, "criterion", where=f"{where}, rubric").strip()
    levels = item.get("levels")
    if not isinstance(levels, list) or not levels:
        raise SeedError(f"{where}, criterion '{name}': 'levels' must be a non-empty list", item)
    return {"criterion": name, "levels": [_level(level, name, where) for level in levels]}


def _level(level, name, where):
    here = f"{where}, criterion '{name}', level"
    if not isinstance(level, dict):
        raise SeedError(f"{here}: each level is a mapping (points, description)", level)
    check_keys(level, LEVEL_FIELDS, where=here)
    points = level.get("points")
    if isinstance(points, bool) or not isinstance(points, int | float) or points < 0:
        raise SeedError(f"{here}: 'points' must be a number from 0", level)
    description = require(level, "description", where=here).strip()
    return {
        "points": str(Decimal(str(points)).quantize(Decimal("0.01"))),
        "description": description,
    }
