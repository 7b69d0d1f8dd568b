"""Enrolment in a course, and who may take a course's steps."""

from django.db import IntegrityError, transaction

from courses.models.progress import Enrolment
from courses.tree import course_path_of_step


def find_enrolment(user, course):
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def enrolled_course_ids(user):
    if not user.is_authenticated:
        return set()
    return set(Enrolment.objects.filter(user=user).values_list("course_id", flat=True))


def enrol(user, course):
    """Enrol `user` in `course`; enrolling twice is harmless. Returns (enrolment, created)."""
    try:
        with transaction.atomic():
            return Enrolment.objects.get_or_create(user=user, course=course)
    except IntegrityError:  # a simultaneous request enrolled first
        return Enrolment.objects.get(user=user, course=course), False


def is_enrolled_in_course_of(user, step):
    return Enrolment.objects.filter(user=user, course__path=course_path_of_step(step)).exists()


def can_take_step(user, step, state=None):
    """Enrolled learners take steps; trainers and editors may read any step.

    `state`, the learner's `courses.learner_state.CourseState` when the caller has it,
    saves asking for the enrolment again.
    """
    if not user.is_authenticated:
        return False
    enrolled = state.enrolled if state is not None else is_enrolled_in_course_of(user, step)
    # The enrolment first: it is the common case, and staff permissions cost more queries.
    return enrolled or user.has_perm("wagtailadmin.access_admin")
