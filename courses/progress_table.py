"""Progress of many learners in many courses, counted by the database in a few queries.

For a learner's dashboard (every course they are enrolled in) and a trainer's table (every
learner of a cohort in every course it follows): steps done and steps in each course are
grouped by the course's path, so the cost does not grow with the courses or the learners.
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import partial

from django.db.models import Count

from wagtail.models import Page

from courses import caching
from courses.models import Enrolment, StepCompletion
from courses.progress import percent
from courses.tree import ancestor_path_at, step_depth


@dataclass
class EnrolmentProgress:
    enrolment: Enrolment
    done: int
    total: int

    @property
    def course(self):
        return self.enrolment.course

    @property
    def percent(self):
        return percent(self.done, self.total)


def _step_totals(paths, depth):
    """{course id: live steps}, the same for every learner (cached by the caller)."""
    rows = (
        Page.objects.live()
        .filter(depth=step_depth(depth))
        .annotate(course_path=ancestor_path_at("path", depth))
        .filter(course_path__in=paths)
        .order_by()  # a default ordering would split the groups
        .values("course_path")
        .annotate(n=Count("id"))
    )
    return {paths[row["course_path"]]: row["n"] for row in rows}


def _counts_by_course(course_pages, user_ids):
    """Totals per course and completions per (user, course), grouped in the database."""
    totals = {}
    done = defaultdict(int)
    by_depth = defaultdict(list)
    for course in course_pages:
        by_depth[course.depth].append(course)
    for depth, courses in by_depth.items():
        paths = {course.path: course.pk for course in courses}
        totals.update(
            caching.shared("step-totals", *sorted(paths), build=partial(_step_totals, paths, depth))
        )
        rows = (
            StepCompletion.objects.filter(
                user_id__in=user_ids,
                step__live=True,
                step__depth=step_depth(depth),
            )
            .annotate(course_path=ancestor_path_at("step__path", depth))
            .filter(course_path__in=paths)
            .order_by()
            .values("user_id", "course_path")
            .annotate(n=Count("id"))
        )
        for row in rows:
            done[(row["user_id"], paths[row["course_path"]])] = row["n"]
    return totals, done


def dashboard_progress(user):
    """Every enrolment of `user` with its progress, in three queries."""
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .select_related("course", "course__cover_image")
        .order_by("-enrolled_at")
    )
    totals, done = _counts_by_course([e.course for e in enrolments], [user.pk])
    return [
        EnrolmentProgress(
            enrolment=e,
            done=done.get((user.pk, e.course_id), 0),
            total=totals.get(e.course_id, 0),
        )
        for e in enrolments
    ]


def progress_table(user_ids, courses):
    """Progress of many learners in many courses: {(user_id, course_id): (done, total)}."""
    totals, done = _counts_by_course(courses, user_ids)
    return {
        (user_id, course.pk): (done.get((user_id, course.pk), 0), totals.get(course.pk, 0))
        for user_id in user_ids
        for course in courses
    }
