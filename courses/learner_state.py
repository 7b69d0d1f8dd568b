"""A learner's standing in one course, in one query: enrolled or not, and the steps done.

Every step page needs both: the enrolment to let the learner in, the steps done for the
outline, the pager and the lesson's end. Asked separately they were two queries, and
building them through the ORM cost more than running them (the enrolment joins three
tables). This is the hot path of a lesson page, so it is one plain SQL statement, the same
on SQLite and PostgreSQL: the enrolment as a row holding 0 (no page has id 0), then the
ids of the steps done.
"""

from dataclasses import dataclass

from django.db import connection

from courses.models.progress import Enrolment, StepCompletion
from courses.outline import course_at
from courses.tree import course_path_of_step


@dataclass(frozen=True)
class CourseState:
    enrolled: bool
    done_ids: frozenset


NOT_ENROLLED = CourseState(enrolled=False, done_ids=frozenset())
ENROLLED_MARK = 0


def _statement():
    page = StepCompletion._meta.get_field("step").related_model._meta.db_table
    return (
        f"SELECT {ENROLLED_MARK} FROM {Enrolment._meta.db_table} "  # noqa: S608 (table names)
        "WHERE user_id = %s AND course_id = %s "
        "UNION ALL "
        f"SELECT c.step_id FROM {StepCompletion._meta.db_table} c "
        f"JOIN {page} p ON p.id = c.step_id "
        "WHERE c.user_id = %s AND p.path LIKE %s"
    )


def course_state_of_step(user, step):
    """Whether `user` is enrolled in the course of `step` (a source page), and what they
    have done in it."""
    if not user.is_authenticated:
        return NOT_ENROLLED
    course_path = course_path_of_step(step)
    course = course_at(course_path)
    # Wagtail's paths are made of digits and capital letters: nothing to escape for LIKE.
    with connection.cursor() as cursor:
        cursor.execute(_statement(), [user.pk, course.pk, user.pk, course_path + "%"])
        ids = [row[0] for row in cursor.fetchall()]
    return CourseState(
        enrolled=ENROLLED_MARK in ids,
        done_ids=frozenset(pk for pk in ids if pk != ENROLLED_MARK),
    )
