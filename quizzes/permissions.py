"""Who may follow which quiz results.

A learner sees only their own attempts. A trainer follows a quiz's results (essay marking,
statistics) if they may edit the quiz page (Wagtail page permissions), or, for the learners
of their cohorts only, if the quiz belongs to a course of one of those cohorts.
"""

from dataclasses import dataclass

from django.db.models import Q

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from courses.tree import course_path_of_step
from learners.models import Cohort
from quizzes.models import QuizPage


@dataclass(frozen=True)
class Scope:
    """Whose attempts at a quiz a trainer may see: everyone's, or these learners'."""

    everyone: bool
    learner_ids: frozenset = frozenset()

    @property
    def user_ids(self):
        return None if self.everyone else self.learner_ids


def editable_pages(user):
    return PagePermissionPolicy(Page).instances_user_has_any_permission_for(user, {"change"})


def cohort_courses(user):
    """[(course path, learner ids)] for the cohorts `user` trains."""
    cohorts = Cohort.objects.filter(trainers=user).prefetch_related("courses", "learners")
    result = []
    for cohort in cohorts:
        learner_ids = frozenset(learner.pk for learner in cohort.learners.all())
        for course in cohort.courses.all():
            result.append((course.path, learner_ids))
    return result


def scope_for(user, quiz):
    """The Scope of `user` over `quiz`'s results, or None if they may not follow it."""
    if not user.is_authenticated:
        return None
    if quiz.permissions_for_user(user).can_edit():
        return Scope(everyone=True)
    course_path = course_path_of_step(quiz)
    learners = set()
    for path, learner_ids in cohort_courses(user):
        if path == course_path:
            learners |= learner_ids
    return Scope(everyone=False, learner_ids=frozenset(learners)) if learners else None


def followed_quizzes(user):
    """The quizzes whose results `user` may follow (at least for some learners)."""
    editable = QuizPage.objects.filter(pk__in=editable_pages(user).values("pk"))
    condition = Q(pk__in=editable.values("pk"))
    for path, _learners in cohort_courses(user):
        condition |= Q(path__startswith=path)
    return QuizPage.objects.filter(condition)


def attempt_filter(user, prefix="attempt__"):
    """A Q over attempts (through `prefix`) that `user` may follow."""
    if user.is_superuser:
        return Q()
    editable = editable_pages(user).values("pk")
    condition = Q(**{f"{prefix}quiz__in": editable})
    for path, learner_ids in cohort_courses(user):
        condition |= Q(
            **{f"{prefix}quiz__path__startswith": path, f"{prefix}user_id__in": learner_ids}
        )
    return condition
