"""Row locks that make a learner's concurrent requests queue up instead of racing.

Every change to an attempt happens in a transaction that first locks the learner's
`QuizGrade` row, then the attempt's row, always in that order, so concurrent requests of
one learner (a double click, a second tab, a trainer marking an essay meanwhile) queue up,
and no two of them take locks the other way round. The database constraints on `Attempt`
and `Response` catch whatever slips past.

The one exception is an autosave that the attempt's state decides alone (`quizzes.drafts`):
a single conditional UPDATE of the attempt row, which holds that row's lock for the one
statement and waits for no other lock while holding it, so it cannot close a cycle; a
request holding both locks makes it wait, and it then finds its condition false.
"""

from django.db import IntegrityError, transaction

from quizzes.models.attempts import Attempt, QuizGrade


def lock_learner(quiz_id, user_id):
    """Lock (creating if needed) the learner's grade row for the quiz."""
    try:
        with transaction.atomic():
            grade, _created = QuizGrade.objects.get_or_create(quiz_id=quiz_id, user_id=user_id)
    except IntegrityError:  # a simultaneous request created it first
        grade = QuizGrade.objects.get(quiz_id=quiz_id, user_id=user_id)
    return QuizGrade.objects.select_for_update().get(pk=grade.pk)


def lock_attempt(attempt_id, **filters):
    return (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("quiz", "user")
        .get(pk=attempt_id, **filters)
    )
