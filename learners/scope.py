"""Whose learner records a member of staff may see and act on: the one rule.

- Administrators (superusers, or members of the Administrators group) see every learner.
- Course leads (members of the Course leads group) see every learner of the courses they
  lead, as recorded by `CourseLead` rows (edited by administrators under **Course leads**).
- Trainers see the learners of the cohorts they train, in those cohorts' courses.
- Anyone else sees no one's records but their own (through the learner's own views).

Marking, quiz statistics, the review queue, cohort pages and every report or export ask
`scope_of(user)` rather than page permissions: trainers may edit every course page, which
says nothing about whose answers they may read.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db.models import Exists, Q

from courses.roles import ADMINISTRATORS, COURSE_LEADS
from learners.models import Cohort, CourseLead


@dataclass(frozen=True)
class CourseScope:
    """Whose records in one course a user may see: everyone's, or these learners'."""

    everyone: bool
    learner_ids: frozenset = frozenset()

    @property
    def user_ids(self):
        """None for everyone (no filter), else the learner ids to filter on."""
        return None if self.everyone else self.learner_ids


@dataclass(frozen=True)
class LearnerScope:
    """Everything, or per course (by tree path): every learner or a set of learners."""

    everything: bool = False
    courses: tuple = ()  # ((course path, frozenset of learner ids, or None for everyone), ...)

    @property
    def is_empty(self):
        return not self.everything and not self.courses

    @property
    def course_paths(self):
        return [path for path, _learners in self.courses]

    def in_course(self, course_path):
        """The CourseScope of the course at `course_path`, or None if it shows no one."""
        if self.everything:
            return CourseScope(everyone=True)
        for path, learner_ids in self.courses:
            if path == course_path:
                if learner_ids is None:
                    return CourseScope(everyone=True)
                return CourseScope(everyone=False, learner_ids=learner_ids)
        return None

    def filter(self, *, learner, page_path):
        """A Q over rows that name a learner (field `learner`) and a page (`page_path`)."""
        if self.everything:
            return Q()
        condition = Q(pk__in=[])
        for path, learner_ids in self.courses:
            in_course = Q(**{f"{page_path}__startswith": path})
            if learner_ids is not None:
                in_course &= Q(**{f"{learner}__in": learner_ids})
            condition |= in_course
        return condition


def is_administrator(user):
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists()


def led_courses(user):
    """The courses `user` leads (only while they are in the Course leads group)."""
    return CourseLead.objects.filter(user=user, user__groups__name=COURSE_LEADS)


def scope_of(user):
    """The LearnerScope of `user`: a fixed number of queries, whatever the cohorts' size."""
    if not user.is_authenticated:
        return LearnerScope()
    if is_administrator(user):
        return LearnerScope(everything=True)
    by_path = {}
    for lead in led_courses(user).select_related("course"):
        by_path[lead.course.path] = None
    cohorts = Cohort.objects.filter(trainers=user).prefetch_related("courses", "learners")
    for cohort in cohorts:
        learner_ids = frozenset(learner.pk for learner in cohort.learners.all())
        for course in cohort.courses.all():
            if course.path in by_path and by_path[course.path] is None:
                continue
            by_path[course.path] = by_path.get(course.path, frozenset()) | learner_ids
    return LearnerScope(courses=tuple(sorted(by_path.items())))


def visible_cohorts(user):
    """Trainers see the cohorts they train, course leads those taking a course they lead,
    administrators all."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    if user.is_superuser:
        return Cohort.objects.all()
    # One query, not two: every page's header asks whether the user follows any cohort.
    administrator = Exists(Group.objects.filter(name=ADMINISTRATORS, user=user))
    led = led_courses(user).values("course_id")
    return Cohort.objects.filter(
        Q(administrator) | Q(trainers=user) | Q(courses__in=led) | Q(assignments__course__in=led)
    ).distinct()


def visible_courses(scope, courses):
    """Those of `courses` whose learners `scope` shows (a cohort page's columns)."""
    return [course for course in courses if scope.in_course(course.path) is not None]
