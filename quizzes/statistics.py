"""Quiz statistics as Moodle defines them, from sums and counts added up by the database.

Over the graded first attempts of each learner (or all graded attempts):

- the mean, median and standard deviation of the score (in % of the maximum);
- per question version: the facility index (mean mark / maximum mark, in %), the standard
  deviation of that share, and the discrimination index: 100 × the correlation between
  the question's mark and the mark of the rest of the test;
- Cronbach's alpha over the quiz's slots: 100 × P/(P−1) × (1 − Σ var(item) / var(total));
- per choice, how many responses picked it (or, for ordering and matching items, placed or
  matched it rightly).

A question and its translations are one question: their versions are grouped (`groups`),
with the facility over all languages and per language, where a bad translation shows as
a language whose learners do much worse than the others.

Standard deviations and variances are sample ones (n − 1), as in Moodle. Nothing here loads
attempts into Python: each figure comes from one grouped aggregate query, so the cost is
the same for ten attempts or ten thousand.
"""

import math
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, F, FloatField, Max, Q, Sum
from django.db.models.functions import Cast

from quizzes import kinds
from quizzes.models import (
    Attempt,
    AttemptState,
    QuestionFlag,
    QuestionVersion,
    Response,
    ResponseChoice,
)
from quizzes.statistics_groups import group_questions

# Below this many responses a question's figures say too little to flag it.
MIN_RESPONSES_FOR_FLAGS = 5
TOO_HARD_BELOW = 10
TOO_EASY_ABOVE = 95


def _float(name):
    return Cast(name, FloatField())


def sample_variance(n, total, total_of_squares):
    if n < 2:
        return None
    return max(0.0, (total_of_squares - total * total / n) / (n - 1))


def sample_covariance(n, sum_x, sum_y, sum_xy):
    if n < 2:
        return None
    return (sum_xy - sum_x * sum_y / n) / (n - 1)


def _sqrt(value):
    return math.sqrt(value) if value is not None else None


@dataclass
class ChoiceStatistics:
    text: str
    is_correct: bool
    count: int
    percent: float


@dataclass
class QuestionStatistics:
    version: QuestionVersion
    slot_label: str
    responses: int
    facility: float | None
    facility_sd: float | None
    discrimination: float | None
    choices: list = field(default_factory=list)
    flags: list = field(default_factory=list)

    @property
    def counts_placements(self):
        return kinds.get(self.version.kind).statistics_measure != "picked"

    @property
    def language(self):
        question = self.version.question
        return question.locale.language_code if question is not None else ""

    @property
    def identity(self):
        question = self.version.question
        return question.translation_key if question is not None else f"v{self.version.pk}"


@dataclass
class QuizStatistics:
    all_attempts: bool
    attempts: int
    mean: float | None
    median: float | None
    sd: float | None
    alpha: float | None
    questions: list = field(default_factory=list)

    @property
    def groups(self):
        return group_questions(self.questions)


def attempts_for_statistics(quiz, *, all_attempts=False, user_ids=None):
    attempts = Attempt.objects.filter(quiz=quiz, state=AttemptState.GRADED)
    if not all_attempts:
        attempts = attempts.filter(number=1)
    if user_ids is not None:
        attempts = attempts.filter(user_id__in=user_ids)
    return attempts


def quiz_statistics(quiz, *, all_attempts=False, user_ids=None):
    attempts = attempts_for_statistics(quiz, all_attempts=all_attempts, user_ids=user_ids)
    percent = _float("score") * 100.0 / _float("max_score")
    score = _float("score")
    totals = attempts.order_by().aggregate(
        n=Count("pk"),
        s=Sum(percent),
        ss=Sum(percent * percent),
        t=Sum(score),
        tt=Sum(score * score),
    )
    n = totals["n"]
    if not n:
        return QuizStatistics(all_attempts, 0, None, None, None, None)
    middle = (
        attempts.annotate(p=percent)
        .order_by("p")
        .values_list("p", flat=True)[(n - 1) // 2 : n // 2 + 1]
    )
    middle = list(middle)
    stats = QuizStatistics(
        all_attempts=all_attempts,
        attempts=n,
        mean=totals["s"] / n,
        median=sum(middle) / len(middle),
        sd=_sqrt(sample_variance(n, totals["s"], totals["ss"])),
        alpha=None,
    )
    responses = Response.objects.filter(attempt__in=attempts).order_by()
    stats.alpha = _cronbach_alpha(responses, n, totals["t"], totals["tt"])
    stats.questions = _question_statistics(responses)
    return stats


def _cronbach_alpha(responses, n, total, total_of_squares):
    mark = _float("mark")
    slots = list(responses.values("slot").annotate(k=Count("pk"), s=Sum(mark), ss=Sum(mark * mark)))
    items = len(slots)
    total_variance = sample_variance(n, total, total_of_squares)
    if items < 2 or not total_variance:
        return None
    item_variances = sum(sample_variance(row["k"], row["s"], row["ss"]) or 0.0 for row in slots)
    return 100 * items / (items - 1) * (1 - item_variances / total_variance)


def _question_statistics(responses):
    x = _float("mark")
    total = _float("attempt__score")
    rows = list(
        responses.values("version_id").annotate(
            n=Count("pk"),
            sx=Sum(x),
            sxx=Sum(x * x),
            st=Sum(total),
            stt=Sum(total * total),
            sxt=Sum(x * total),
            max_mark=Max(_float("max_mark")),
            slot=Max("slot"),
        )
    )
    if not rows:
        return []
    counts = {
        row["choice_id"]: row
        for row in ResponseChoice.objects.filter(response__in=responses)
        .order_by()
        .values("choice_id")
        .annotate(
            picked=Count("pk"),
            placed_right=Count("pk", filter=Q(position=F("choice__position"))),
            matched_right=Count("pk", filter=Q(matched__match_text=F("choice__match_text"))),
        )
    }
    versions = QuestionVersion.objects.filter(pk__in=[row["version_id"] for row in rows])
    versions = {
        v.pk: v for v in versions.select_related("question__locale").prefetch_related("choices")
    }
    result = []
    for row in rows:
        version = versions[row["version_id"]]
        result.append(_one_question(version, row, counts))
    result.sort(key=lambda q: (int(q.slot_label), q.version.question_id or 0, q.version.number))
    return result


def _one_question(version, row, counts):
    n = row["n"]
    top = row["max_mark"] or 0.0
    var_x = sample_variance(n, row["sx"], row["sxx"])
    # The rest of the test: the attempt's total minus this question's mark.
    sum_rest = row["st"] - row["sx"]
    sum_rest_sq = row["stt"] - 2 * row["sxt"] + row["sxx"]
    sum_x_rest = row["sxt"] - row["sxx"]
    var_rest = sample_variance(n, sum_rest, sum_rest_sq)
    cov = sample_covariance(n, row["sx"], sum_rest, sum_x_rest)
    discrimination = None
    if var_x and var_rest:
        discrimination = 100 * cov / math.sqrt(var_x * var_rest)
    facility = 100 * row["sx"] / n / top if top else None
    facility_sd = 100 * math.sqrt(var_x) / top if top and var_x is not None else None
    measure = kinds.get(version.kind).statistics_measure
    choices = [
        ChoiceStatistics(
            text=choice.text,
            is_correct=choice.is_correct,
            count=counts.get(choice.pk, {}).get(measure, 0),
            percent=100 * counts.get(choice.pk, {}).get(measure, 0) / n,
        )
        for choice in version.choices.all()
    ]
    stat = QuestionStatistics(
        version=version,
        slot_label=str(row["slot"]),
        responses=n,
        facility=facility,
        facility_sd=facility_sd,
        discrimination=discrimination,
        choices=choices,
    )
    stat.flags = flags_for(stat)
    return stat


def flags_for(stat):
    if stat.responses < MIN_RESPONSES_FOR_FLAGS or stat.facility is None:
        return []
    reasons = []
    if stat.discrimination is not None and stat.discrimination < 0:
        reasons.append(QuestionFlag.Reason.NEGATIVE_DISCRIMINATION)
    if stat.facility < TOO_HARD_BELOW:
        reasons.append(QuestionFlag.Reason.TOO_HARD)
    elif stat.facility > TOO_EASY_ABOVE:
        reasons.append(QuestionFlag.Reason.TOO_EASY)
    return reasons


@transaction.atomic
def refresh_flags(quiz, stats):
    """Store which questions the statistics flag for review (the latest version decides).

    The old flags are replaced in one transaction: the review queue never sees none.
    """
    latest = {}
    for stat in stats.questions:
        question_id = stat.version.question_id
        if question_id is None:
            continue
        if question_id not in latest or stat.version.number > latest[question_id].version.number:
            latest[question_id] = stat
    QuestionFlag.objects.filter(quiz=quiz).delete()
    QuestionFlag.objects.bulk_create(
        [
            QuestionFlag(
                question_id=question_id,
                quiz=quiz,
                reasons=[str(reason) for reason in stat.flags],
                facility=stat.facility,
                discrimination=stat.discrimination,
                responses=stat.responses,
            )
            for question_id, stat in latest.items()
            if stat.flags
        ]
    )
