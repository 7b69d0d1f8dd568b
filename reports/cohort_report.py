"""The cohort report: per learner and course, progress, activity, quiz grades, status.

Every figure comes from a fixed set of grouped queries, so the report of 500 learners
costs as many queries as the report of 10.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.db.models.functions import Substr
from django.utils import timezone

from courses.models import StepCompletion
from courses.progress import STEPLEN, course_path_of_step, percent, progress_table
from learners.models import Assignment
from quizzes.models import Attempt, AttemptState, QuizGrade, QuizPage
from reports.status import Status, status_of

SORT_KEYS = {
    "learner": lambda row: (row.learner_sort_name, row.course.path),
    "course": lambda row: (row.course.path, row.learner_sort_name),
    "progress": lambda row: (row.percent, row.learner_sort_name),
    "activity": lambda row: (row.last_activity.timestamp() if row.last_activity else 0,),
    "due": lambda row: (row.due_date.toordinal() if row.due_date else 10**9,),
    "status": lambda row: (list(Status.values).index(row.status), row.learner_sort_name),
}


@dataclass
class QuizCell:
    quiz: QuizPage
    grade: float | None = None
    passed: bool = False
    attempts: int = 0
    awaiting_marking: int = 0


@dataclass
class ReportRow:
    learner: object
    course: object
    due_date: object
    done: int
    total: int
    last_activity: object
    quizzes: list = field(default_factory=list)
    status: str = ""

    @property
    def percent(self):
        return percent(self.done, self.total)

    @property
    def essays_waiting(self):
        return sum(cell.awaiting_marking for cell in self.quizzes)

    @property
    def learner_sort_name(self):
        return (self.learner.last_name or self.learner.username).lower()

    @property
    def status_label(self):
        return Status(self.status).label


@dataclass
class CohortReport:
    cohort: object
    courses: list
    learners: list
    quizzes_by_course: dict
    rows: list

    def counts(self, rows=None):
        """How many learner-course rows are in each status, in the order of `Status`."""
        found = Counter(row.status for row in (self.rows if rows is None else rows))
        return [(status, found.get(status.value, 0)) for status in Status]

    def filtered(self, course_id=None, status=None, sort="learner", descending=False):
        rows = [
            row
            for row in self.rows
            if (not course_id or row.course.pk == course_id)
            and (not status or row.status == status)
        ]
        rows.sort(key=SORT_KEYS.get(sort, SORT_KEYS["learner"]), reverse=descending)
        return rows


def quizzes_of(courses):
    """{course id: [quiz, ...]} in course order, in one query."""
    if not courses:
        return {}
    condition = Q()
    for course in courses:
        condition |= Q(path__startswith=course.path)
    quizzes = QuizPage.objects.live().filter(condition).order_by("path")
    by_path = {course.path: course.pk for course in courses}
    result = {course.pk: [] for course in courses}
    for quiz in quizzes:
        course_id = by_path.get(course_path_of_step(quiz))
        if course_id:
            result[course_id].append(quiz)
    return result


def last_completions(user_ids, courses):
    """{(user id, course id): latest completion time}, grouped in the database."""
    result = {}
    for depth in {course.depth for course in courses}:
        paths = {course.path: course.pk for course in courses if course.depth == depth}
        rows = (
            StepCompletion.objects.filter(user_id__in=user_ids)
            .annotate(course_path=Substr("step__path", 1, depth * STEPLEN))
            .filter(course_path__in=paths)
            .order_by()
            .values("user_id", "course_path")
            .annotate(last=Max("completed_at"))
        )
        for row in rows:
            result[(row["user_id"], paths[row["course_path"]])] = row["last"]
    return result


def quiz_figures(user_ids, quizzes):
    """Grades and attempt counts per (user id, quiz id), in two grouped queries."""
    grades = {
        (row["user_id"], row["quiz_id"]): row
        for row in QuizGrade.objects.filter(user_id__in=user_ids, quiz__in=quizzes)
        .order_by()
        .values("user_id", "quiz_id", "percent", "passed")
    }
    attempts = {
        (row["user_id"], row["quiz_id"]): row
        for row in Attempt.objects.filter(user_id__in=user_ids, quiz__in=quizzes)
        .exclude(state=AttemptState.ABANDONED)
        .order_by()
        .values("user_id", "quiz_id")
        .annotate(
            n=Count("pk"),
            awaiting=Count("pk", filter=Q(state=AttemptState.AWAITING_MARKING)),
            last=Max("started_at"),
        )
    }
    return grades, attempts


def report_learners(cohort):
    return list(cohort.learners.select_related("learner_profile").order_by("last_name", "username"))


def build_cohort_report(cohort, today=None):
    today = today or timezone.localdate()
    learners = report_learners(cohort)
    courses = list(cohort.report_courses())
    assignments = {a.course_id: a for a in Assignment.objects.filter(cohort=cohort).order_by()}
    user_ids = [learner.pk for learner in learners]
    table = progress_table(user_ids, courses)
    quizzes_by_course = quizzes_of(courses)
    all_quizzes = [quiz for quizzes in quizzes_by_course.values() for quiz in quizzes]
    grades, attempts = quiz_figures(user_ids, all_quizzes)
    last_seen = last_completions(user_ids, courses)
    rows = []
    for learner in learners:
        for course in courses:
            done, total = table[(learner.pk, course.pk)]
            cells, moments = [], [last_seen.get((learner.pk, course.pk))]
            for quiz in quizzes_by_course[course.pk]:
                grade = grades.get((learner.pk, quiz.pk), {})
                tries = attempts.get((learner.pk, quiz.pk), {})
                moments.append(tries.get("last"))
                cells.append(
                    QuizCell(
                        quiz=quiz,
                        grade=grade.get("percent"),
                        passed=bool(grade.get("passed")),
                        attempts=tries.get("n", 0),
                        awaiting_marking=tries.get("awaiting", 0),
                    )
                )
            assignment = assignments.get(course.pk)
            last_activity = max((m for m in moments if m), default=None)
            row = ReportRow(
                learner=learner,
                course=course,
                due_date=assignment.due_date if assignment else None,
                done=done,
                total=total,
                last_activity=last_activity,
                quizzes=cells,
            )
            row.status = status_of(
                percent=row.percent,
                complete=total > 0 and done >= total,
                due_date=row.due_date,
                assigned_on=timezone.localdate(assignment.assigned_at) if assignment else today,
                last_activity=last_activity,
                today=today,
            ).value
            rows.append(row)
    return CohortReport(
        cohort=cohort,
        courses=courses,
        learners=learners,
        quizzes_by_course=quizzes_by_course,
        rows=rows,
    )


def progress_by_course(report):
    """[(course, mean percent, learners complete)] for the chart and its table."""
    sums, complete, counts = defaultdict(int), defaultdict(int), defaultdict(int)
    for row in report.rows:
        sums[row.course.pk] += row.percent
        counts[row.course.pk] += 1
        complete[row.course.pk] += row.status == Status.COMPLETE
    return [
        (
            course,
            sums[course.pk] // counts[course.pk] if counts[course.pk] else 0,
            complete[course.pk],
        )
        for course in report.courses
    ]
