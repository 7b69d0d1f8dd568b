"""Who may follow which quiz results: `learners.scope` applied to quizzes and attempts.

A learner sees only their own attempts (the learner views filter on the owner). Staff see
the attempts of the learners in their scope (`learners.scope.scope_of`): administrators
all, course leads those of the courses they lead, trainers those of their cohorts. Being
allowed to edit a quiz page gives no sight of anyone's answers.
"""

from django.db.models import Q

from courses.progress import course_path_of_step
from learners.scope import scope_of
from quizzes.models import QuizPage


def scope_for(user, quiz):
    """The CourseScope of `user` over `quiz`'s results, or None if they may not follow it."""
    return scope_of(user).in_course(course_path_of_step(quiz))


def followed_quizzes(user):
    """The quizzes whose results `user` may follow (at least for some learners)."""
    scope = scope_of(user)
    if scope.everything:
        return QuizPage.objects.all()
    condition = Q(pk__in=[])
    for path in scope.course_paths:
        condition |= Q(path__startswith=path)
    return QuizPage.objects.filter(condition)


def attempt_filter(user, prefix="attempt__"):
    """A Q over attempts (through `prefix`) that `user` may follow."""
    return scope_of(user).filter(learner=f"{prefix}user_id", page_path=f"{prefix}quiz__path")
