"""A learner's transcript: every course, step, attempt and grade, in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from wagtail.models import Page

from courses.models import CoursePage, Enrolment, StepCompletion
from courses.progress import STEP_DEPTH_BELOW_COURSE, percent
from quizzes.models import Attempt, QuizGrade


@dataclass
class TranscriptStep:
    page: Page
    module_title: str
    done_at: object = None
    attempts: list = field(default_factory=list)
    grade: object = None
    passed: bool | None = None


@dataclass
class TranscriptCourse:
    course: CoursePage
    enrolled_at: object = None
    completed_at: object = None
    steps: list = field(default_factory=list)

    @property
    def done(self):
        return sum(1 for step in self.steps if step.done_at)

    @property
    def percent(self):
        return percent(self.done, len(self.steps))


@dataclass
class Transcript:
    learner: object
    courses: list


def build_transcript(learner, extra_courses=()):
    """The transcript of `learner` over the courses they are enrolled in (and `extra_courses`)."""
    enrolments = {
        e.course_id: e for e in Enrolment.objects.filter(user=learner).select_related("course")
    }
    courses = {e.course_id: e.course for e in enrolments.values()}
    for course in extra_courses:
        courses.setdefault(course.pk, course)
    courses = sorted(courses.values(), key=lambda course: course.path)
    if not courses:
        return Transcript(learner=learner, courses=[])
    condition = Q()
    for course in courses:
        condition |= Q(path__startswith=course.path, depth__gt=course.depth)
    tree = (
        Page.objects.live()
        .filter(condition)
        .filter(depth__lte=max(c.depth for c in courses) + STEP_DEPTH_BELOW_COURSE)
        .order_by("path")
    )
    done = dict(StepCompletion.objects.filter(user=learner).values_list("step_id", "completed_at"))
    attempts = defaultdict(list)
    for attempt in Attempt.objects.filter(user=learner).order_by("quiz_id", "number"):
        attempts[attempt.quiz_id].append(attempt)
    grades = {grade.quiz_id: grade for grade in QuizGrade.objects.filter(user=learner).order_by()}
    by_path = {}
    result = []
    for course in courses:
        enrolment = enrolments.get(course.pk)
        item = TranscriptCourse(
            course=course,
            enrolled_at=enrolment.enrolled_at if enrolment else None,
            completed_at=enrolment.completed_at if enrolment else None,
        )
        by_path[course.path] = (course, item)
        result.append(item)
    modules = {}
    for page in tree:
        for path, (course, item) in by_path.items():
            if not page.path.startswith(path):
                continue
            if page.depth == course.depth + 1:
                modules[page.path] = page.title
            elif page.depth == course.depth + STEP_DEPTH_BELOW_COURSE:
                grade = grades.get(page.pk)
                item.steps.append(
                    TranscriptStep(
                        page=page,
                        module_title=modules.get(page.path[: -Page.steplen], ""),
                        done_at=done.get(page.pk),
                        attempts=attempts.get(page.pk, []),
                        grade=grade.percent if grade else None,
                        passed=grade.passed if grade else None,
                    )
                )
    return Transcript(learner=learner, courses=result)
