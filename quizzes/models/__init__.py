from .attempts import Attempt, AttemptState, QuizGrade, Response, ResponseChoice
from .pages import (
    ExpiryPolicy,
    GradingMethod,
    QuizDrawRule,
    QuizFeedbackBand,
    QuizPage,
    ReviewMoment,
    ReviewOptions,
)
from .questions import (
    BankQuestion,
    Question,
    QuestionCategory,
    QuestionChoice,
    QuestionFlag,
    QuestionVersion,
    VersionChoice,
)

__all__ = [
    "Attempt",
    "BankQuestion",
    "AttemptState",
    "ExpiryPolicy",
    "GradingMethod",
    "Question",
    "QuestionCategory",
    "QuestionChoice",
    "QuestionFlag",
    "QuestionVersion",
    "QuizDrawRule",
    "QuizFeedbackBand",
    "QuizGrade",
    "QuizPage",
    "Response",
    "ResponseChoice",
    "ReviewMoment",
    "ReviewOptions",
    "VersionChoice",
]
