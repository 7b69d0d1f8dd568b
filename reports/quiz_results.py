"""One quiz's results for a cohort beside the whole population (reusing quizzes.statistics)."""

from dataclasses import dataclass

from quizzes.statistics import attempts_for_statistics, quiz_statistics
from reports.charts import score_bands


@dataclass
class QuestionComparison:
    slot_label: str
    prompt: str
    cohort_facility: float | None
    cohort_responses: int
    everyone_facility: float | None
    everyone_responses: int


@dataclass
class CohortQuizResults:
    quiz: object
    cohort: object
    everyone: object
    bands: list
    questions: list


def cohort_quiz_results(quiz, learner_ids):
    cohort = quiz_statistics(quiz, user_ids=learner_ids)
    everyone = quiz_statistics(quiz)
    percents = attempts_for_statistics(quiz, user_ids=learner_ids).values_list("percent", flat=True)
    by_version = {stat.version.pk: stat for stat in everyone.questions}
    questions = [
        QuestionComparison(
            slot_label=stat.slot_label,
            prompt=stat.version.prompt,
            cohort_facility=stat.facility,
            cohort_responses=stat.responses,
            everyone_facility=by_version[stat.version.pk].facility
            if stat.version.pk in by_version
            else None,
            everyone_responses=by_version[stat.version.pk].responses
            if stat.version.pk in by_version
            else 0,
        )
        for stat in cohort.questions
    ]
    return CohortQuizResults(
        quiz=quiz,
        cohort=cohort,
        everyone=everyone,
        bands=score_bands(percents),
        questions=questions,
    )
