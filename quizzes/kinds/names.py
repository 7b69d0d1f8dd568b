"""The names of the kinds of question the academy ships with.

A name is what the database stores in `Question.kind` and `QuestionVersion.kind`; the
kind's class (see `quizzes.kinds.base`) says everything else about it.
"""

from enum import StrEnum


class QuestionKind(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_RESPONSE = "multiple_response"
    TRUE_FALSE = "true_false"
    SHORT_ANSWER = "short_answer"
    NUMERIC = "numeric"
    ORDERING = "ordering"
    MATCHING = "matching"
    ESSAY = "essay"
