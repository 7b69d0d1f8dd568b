"""What a learner's cohorts assign them, with due dates and progress, in a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from courses.progress import percent, progress_table
from learners.models import Assignment

DUE_SOON_DAYS = 3


@dataclass
class AssignedCourse:
    course: object
    due_date: datetime.date | None
    done: int
    total: int
    today: datetime.date

    @property
    def percent(self):
        return percent(self.done, self.total)

    @property
    def is_complete(self):
        return self.total > 0 and self.done >= self.total

    @property
    def is_overdue(self):
        return bool(self.due_date and not self.is_complete and self.today > self.due_date)

    @property
    def days_left(self):
        return (self.due_date - self.today).days if self.due_date else None

    @property
    def is_due_soon(self):
        return (
            not self.is_complete
            and self.due_date is not None
            and 0 <= self.days_left <= DUE_SOON_DAYS
        )


def earliest_due(assignments):
    """One entry per course: when two cohorts assign it, the earlier due date counts."""
    by_course = {}
    for assignment in assignments:
        known = by_course.get(assignment.course_id)
        if known is None or (
            assignment.due_date and (known.due_date is None or assignment.due_date < known.due_date)
        ):
            by_course[assignment.course_id] = assignment
    return list(by_course.values())


def assigned_courses(user, today=None):
    """The courses assigned to `user` through their cohorts, soonest due first."""
    if not user.is_authenticated:
        return []
    today = today or timezone.localdate()
    assignments = earliest_due(
        Assignment.objects.filter(cohort__learners=user, course__live=True).select_related("course")
    )
    courses = [assignment.course for assignment in assignments]
    table = progress_table([user.pk], courses)
    items = [
        AssignedCourse(
            course=assignment.course,
            due_date=assignment.due_date,
            done=table[(user.pk, assignment.course_id)][0],
            total=table[(user.pk, assignment.course_id)][1],
            today=today,
        )
        for assignment in assignments
    ]
    items.sort(key=lambda item: (item.is_complete, item.due_date or datetime.date.max))
    return items
