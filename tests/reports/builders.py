"""A hand-built cohort for the report tests: three officers at different points of one course."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses import progress
from learners.models import Assignment, Cohort, LearnerProfile
from tests.builders import add_lesson, make_user
from tests.quizzes.builders import essay, make_module, make_quiz, single_choice, take

RIGHT = {"Which is right?": "Right"}
WRONG = {"Which is right?": "Wrong"}


def hand_built_cohort(due_in_days=-1):
    """Alice finished the course; Bob did nothing; Carol's essay waits for marking."""
    module = make_module("Joint investigations")
    course = module.get_parent().specific
    lesson = add_lesson(module, "Lesson 1")
    check = make_quiz(module, questions=[single_choice()], title="Check", attempts_allowed=3)
    written = make_quiz(module, questions=[essay()], title="Written answer")
    cohort = Cohort.objects.create(name="Border officers")
    trainer = make_user("trainer", groups=["Trainers"])
    cohort.trainers.add(trainer)
    learners = {}
    for username, first, last, agency in [
        ("alice", "Alice", "Aliyeva", "MVD"),
        ("bob", "Bob", "Boboyev", "Customs"),
        ("carol", "Carol", "Karimova", "Border Service"),
    ]:
        user = make_user(username, first_name=first, last_name=last)
        LearnerProfile.objects.create(user=user, agency=agency)
        cohort.learners.add(user)
        learners[username] = user
    Assignment.objects.create(
        cohort=cohort,
        course=course,
        due_date=timezone.localdate() + datetime.timedelta(days=due_in_days),
    )
    alice, carol = learners["alice"], learners["carol"]
    for user in (alice, carol):
        progress.enrol(user, course)
        progress.record_completion(user, lesson)
    take(check, alice, WRONG)
    take(check, alice, RIGHT)
    take(written, alice, {"Explain.": "Through the central authority."})
    from quizzes.lifecycle import mark_response
    from quizzes.models import Response

    mark_response(
        Response.objects.get(attempt__user=alice, attempt__quiz=written),
        mark=Decimal("1"),
        comment="",
        marker=trainer,
    )
    take(check, carol, RIGHT)
    take(written, carol, {"Explain.": "I would phone them."})
    return {
        "cohort": cohort,
        "course": course,
        "trainer": trainer,
        "check": check,
        "written": written,
        **learners,
    }


def add_learners(cohort, count, prefix="officer"):
    """Many learners at once (bulk), for the query-count tests."""
    User = get_user_model()
    users = User.objects.bulk_create(
        [User(username=f"{prefix}{n}", last_name=f"Officer {n}") for n in range(count)]
    )
    LearnerProfile.objects.bulk_create([LearnerProfile(user=user) for user in users])
    cohort.learners.add(*users)
    return users
