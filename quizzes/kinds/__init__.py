"""The kinds of question, one class each, registered by name (see `quizzes.kinds.base`).

Importing this package registers the kinds the academy ships with.
"""

from quizzes.kinds import choices as _choices  # noqa: F401 - registers its kinds
from quizzes.kinds import rows as _rows  # noqa: F401 - registers its kinds
from quizzes.kinds import text as _text  # noqa: F401 - registers its kinds
from quizzes.kinds.base import (
    AnswerError,
    QuestionKindBase,
    all,
    field_choices,
    get,
    marked_by_person,
    names,
    register,
    unregister,
)
from quizzes.kinds.names import QuestionKind

__all__ = [
    "AnswerError",
    "QuestionKind",
    "QuestionKindBase",
    "all",
    "field_choices",
    "get",
    "marked_by_person",
    "names",
    "register",
    "unregister",
]
