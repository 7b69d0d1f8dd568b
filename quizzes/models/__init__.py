from .attempts import Attempt, AttemptState, QuizGrade, Response, ResponseChoice
from .banks import BankQuestion, QuestionCategory
from .pages import QuizDrawRule, QuizFeedbackBand, QuizPage
from .questions import Question, QuestionChoice
from .rules import ExpiryPolicy, GradingMethod, ReviewMoment, ReviewOptions
from .versions import QuestionFlag, QuestionVersion, VersionChoice

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
