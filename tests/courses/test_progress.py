"""Progress arithmetic: what a learner has done, per lesson, module and course."""

import pytest

from courses import completion, enrolments, progress, progress_table
from courses.models import Enrolment, StepCompletion
from tests.builders import add_lesson, lessons_of, make_course, make_user, modules_of

pytestmark = pytest.mark.django_db


def test_percent_rounds_down_so_100_means_everything():
    assert progress.percent(0, 3) == 0
    assert progress.percent(1, 3) == 33
    assert progress.percent(2, 3) == 66
    assert progress.percent(59, 60) == 98
    assert progress.percent(3, 3) == 100
    assert progress.percent(0, 0) == 0


def test_course_progress_counts_per_module_and_course():
    learner = make_user()
    course = make_course(modules=2, lessons=2)
    enrolments.enrol(learner, course)
    first, second, third, _ = lessons_of(course)
    for lesson in (first, second, third):
        completion.record_completion(learner, lesson)

    result = progress.course_progress(learner, course)

    assert [m.page.title for m in result.modules] == ["Module 1", "Module 2"]
    assert [(m.done, m.total, m.percent) for m in result.modules] == [(2, 2, 100), (1, 2, 50)]
    assert (result.done, result.total, result.percent) == (3, 4, 75)
    assert result.next_step.page.title == "Lesson 2.2"
    assert [s.number for s in result.steps] == [1, 2, 3, 4]


def test_completion_is_idempotent():
    learner = make_user()
    course = make_course(lessons=2)
    enrolments.enrol(learner, course)
    lesson = lessons_of(course)[0]

    assert completion.record_completion(learner, lesson) is True
    assert completion.record_completion(learner, lesson) is False
    assert StepCompletion.objects.filter(user=learner).count() == 1


def test_completing_the_last_step_completes_the_course_and_revoking_reopens_it():
    learner = make_user()
    course = make_course(lessons=2)
    enrolment, _ = enrolments.enrol(learner, course)
    first, last = lessons_of(course)

    completion.record_completion(learner, first)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None

    completion.record_completion(learner, last)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None

    completion.revoke_completion(learner, last)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert progress.course_progress(learner, course).percent == 50


def test_a_new_lesson_lowers_the_percentage_instead_of_going_stale():
    learner = make_user()
    course = make_course(lessons=2)
    enrolments.enrol(learner, course)
    for lesson in lessons_of(course):
        completion.record_completion(learner, lesson)
    assert progress.course_progress(learner, course).percent == 100

    add_lesson(modules_of(course)[0], "A lesson added later")

    assert progress.course_progress(learner, course).percent == 66
    [row] = progress_table.dashboard_progress(learner)
    assert (row.done, row.total) == (2, 3)


def test_unpublished_lessons_do_not_count():
    learner = make_user()
    course = make_course(lessons=3)
    enrolments.enrol(learner, course)
    first, second, third = lessons_of(course)
    completion.record_completion(learner, first)
    third.unpublish()

    result = progress.course_progress(learner, course)

    assert (result.done, result.total) == (1, 2)


def test_progress_is_kept_per_learner():
    alice, bob = make_user("alice"), make_user("bob")
    course = make_course(lessons=2)
    enrolments.enrol(alice, course)
    enrolments.enrol(bob, course)
    completion.record_completion(alice, lessons_of(course)[0])

    assert progress.course_progress(alice, course).done == 1
    assert progress.course_progress(bob, course).done == 0


def test_progress_of_one_course_ignores_another():
    learner = make_user()
    law = make_course("Law", lessons=2)
    cyber = make_course("Cyber", lessons=4)
    enrolments.enrol(learner, law)
    enrolments.enrol(learner, cyber)
    completion.record_completion(learner, lessons_of(cyber)[0])

    rows = {
        row.course.title: (row.done, row.total)
        for row in progress_table.dashboard_progress(learner)
    }

    assert rows == {"Law": (0, 2), "Cyber": (1, 4)}


def test_enrolling_twice_keeps_one_enrolment():
    learner = make_user()
    course = make_course()
    _, created_first = enrolments.enrol(learner, course)
    _, created_again = enrolments.enrol(learner, course)

    assert (created_first, created_again) == (True, False)
    assert Enrolment.objects.filter(user=learner).count() == 1


def test_progress_table_for_a_cohort():
    alice, bob = make_user("alice"), make_user("bob")
    course = make_course(lessons=4)
    completion.record_completion(alice, lessons_of(course)[0])
    completion.record_completion(alice, lessons_of(course)[1])

    table = progress_table.progress_table([alice.pk, bob.pk], [course])

    assert table == {(alice.pk, course.pk): (2, 4), (bob.pk, course.pk): (0, 4)}
