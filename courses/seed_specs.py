"""Reading the seed files: YAML that remembers its lines, and the checks every builder uses.

A malformed entry raises `SeedError`, whose message names the file and line, so that the
author of a course file finds the mistake (see fixtures/README.md).
"""

import hashlib
import json
from pathlib import Path

import yaml


class Spec(dict):
    """A mapping read from a seed file that remembers the line it started on."""

    line = 0


class SpecList(list):
    line = 0


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        mapping = Spec(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node, deep=False):
        sequence = SpecList(super().construct_sequence(node, deep=True))
        sequence.line = node.start_mark.line + 1
        return sequence


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_sequence
)


class SeedError(Exception):
    """A malformed seed entry; `str()` names the file and line when they are known."""

    def __init__(self, message, spec=None, *, file=None, line=None):
        self.message = message
        self.file = file
        self.line = line if line is not None else getattr(spec, "line", None)
        super().__init__(message)

    def __str__(self):
        where = str(self.file) if self.file else "<seed>"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}"


def read_seed_file(path):
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SeedError(f"cannot read the file ({error.strerror})", file=path) from error
    try:
        document = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(error, "problem", None) or str(error)
        raise SeedError(f"not valid YAML: {problem}", file=path, line=line) from error
    if not isinstance(document, Spec):
        raise SeedError(
            "a course file holds one mapping (slug, title, modules, ...)", file=path, line=1
        )
    return document


# Raised when the way a spec becomes a page changes, so that the next load rebuilds every
# page once (2: optional texts of blocks are "" rather than None).
BUILD_VERSION = 2


def digest(spec):
    source = json.dumps([BUILD_VERSION, spec], sort_keys=True, default=str)
    return hashlib.sha256(source.encode()).hexdigest()


def require(spec, key, kind=str, *, where):
    if not isinstance(spec, dict):
        raise SeedError(f"{where}: expected a mapping", spec)
    if key not in spec or spec[key] in (None, ""):
        raise SeedError(f"{where}: '{key}' is missing", spec)
    value = spec[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise SeedError(f"{where}: '{key}' must be a {names}", spec)
    return value


def check_keys(spec, allowed, *, where):
    unknown = sorted(set(spec) - set(allowed))
    if unknown:
        raise SeedError(f"{where}: unknown field(s) {', '.join(unknown)}", spec)


def error_text(error):
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{key}: {' '.join(messages)}" for key, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
