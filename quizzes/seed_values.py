"""Reading typed values out of a seed file's entry, with a message that names the place."""

from decimal import Decimal

from courses.seed_specs import SeedError


def whole(spec, key, default, *, low, high, where):
    value = spec.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise SeedError(f"{where}: '{key}' must be a whole number from {low} to {high}", spec)
    return value


def number(spec, key, *, where, default=None):
    value = spec.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SeedError(f"{where}: '{key}' must be a number", spec)
    return Decimal(str(value))


def text(spec, key, *, where, default=""):
    value = spec.get(key, default)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SeedError(f"{where}: '{key}' must be text", spec)
    return value.strip()


def one_of(spec, key, choices, default, *, where):
    value = spec.get(key, default)
    if value not in choices.values:
        raise SeedError(f"{where}: '{key}' must be one of {', '.join(choices.values)}", spec)
    return value


def flag(spec, key, default, *, where):
    value = spec.get(key, default)
    if not isinstance(value, bool):
        raise SeedError(f"{where}: '{key}' must be true or false", spec)
    return value


def non_empty_list(spec, key, *, where):
    value = spec.get(key)
    if not isinstance(value, list) or not value:
        raise SeedError(f"{where}: '{key}' must be a non-empty list", spec)
    return value
