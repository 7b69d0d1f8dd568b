"""One quiz's results for a cohort beside the whole population (reusing quizzes.statistics).

A question is one row in every language it was answered in (`quizzes.statistics_groups`).
"""

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
    # A question and its translations are one row: the cohort may have read it in Russian.
    by_identity = {group.versions[0].identity: group for group in everyone.groups}
    questions = []
    for group in cohort.groups:
        overall = by_identity.get(group.versions[0].identity)
        questions.append(
            QuestionComparison(
                slot_label=group.versions[0].slot_label,
                prompt=group.versions[0].version.prompt,
                cohort_facility=group.facility,
                cohort_responses=group.responses,
                everyone_facility=overall.facility if overall else None,
                everyone_responses=overall.responses if overall else 0,
            )
        )
    return CohortQuizResults(
        quiz=quiz,
        cohort=cohort,
        everyone=everyone,
        bands=score_bands(percents),
        questions=questions,
    )
