"""Every mark is on the record: who, when, before → after and why; a re-mark keeps both,
and the completion and certificate it takes back or gives back are recorded with it."""

from decimal import Decimal

from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest
from bs4 import BeautifulSoup

from certificates.models import Certificate
from courses.models import Enrolment, StepCompletion
from learners.models import Cohort
from quizzes.marking import MarkingError, mark_response
from quizzes.models import GradingMethod, Response
from tests.builders import course_of, enrolled_learner, make_user
from tests.quizzes.builders import essay, make_quiz, single_choice, take

pytestmark = pytest.mark.django_db


@pytest.fixture
def essay_quiz():
    """A course whose only step is one essay: passing it completes the course."""
    return make_quiz(questions=[essay()], pass_mark=50)


@pytest.fixture
def officer(essay_quiz):
    return enrolled_learner(essay_quiz, "officer")


@pytest.fixture
def trainer(essay_quiz, officer):
    trainer = make_user("trainer", groups=["Trainers"], first_name="Dilnoza", last_name="R")
    cohort = Cohort.objects.create(name="A")
    cohort.trainers.add(trainer)
    cohort.learners.add(officer)
    cohort.courses.add(course_of(essay_quiz))
    return trainer


@pytest.fixture
def response(essay_quiz, officer):
    attempt = take(essay_quiz, officer, {"Explain.": "The central authority receives it."})
    return Response.objects.select_related("attempt").get(attempt=attempt)


def mark(response, value, comment, marker, reason=""):
    return mark_response(
        response, mark=Decimal(value), comment=comment, marker=marker, reason=reason
    )


def entries(instance, action_prefix):
    return list(
        ModelLogEntry.objects.for_instance(instance)
        .filter(action__startswith=action_prefix)
        .order_by("timestamp", "pk")
    )


def test_a_re_mark_keeps_both_marks_with_who_before_after_and_why(response, trainer):
    lead = make_user("lead", groups=["Course leads"])
    mark(response, "1", "Clear.", trainer)
    mark(response, "0.25", "Misses the authority.", lead, reason="Second reading.")

    first, second = entries(response, "academy.")
    assert (first.action, first.user, first.data["reason"]) == ("academy.mark", trainer, "")
    assert first.data["before"]["mark"] is None
    assert (first.data["after"]["mark"], first.data["after"]["comment"]) == ("1", "Clear.")
    assert (second.action, second.user) == ("academy.remark", lead)
    assert second.data["before"] == {
        "mark": "1.0000",
        "comment": "Clear.",
        "marked_by": "Dilnoza R",
    }
    assert second.data["after"]["mark"] == "0.25"
    assert second.data["reason"] == "Second reading."
    assert second.timestamp >= first.timestamp


def test_a_re_mark_without_a_reason_is_refused_and_changes_nothing(response, trainer):
    mark(response, "1", "Clear.", trainer)
    with pytest.raises(MarkingError, match="Say why"):
        mark(response, "0", "", trainer, reason="  ")
    response.refresh_from_db()
    assert response.mark == 1 and len(entries(response, "academy.")) == 1


def test_the_mark_form_asks_why_a_mark_changes_and_shows_the_history(client, response, trainer):
    url = reverse("quizzes_admin:mark", args=[response.pk])
    client.force_login(trainer)
    client.post(url, {"mark": "1", "comment": "Clear.", "reason": ""})

    refused = client.post(url, {"mark": "0.5", "comment": "Half.", "reason": ""})
    assert refused.status_code == 200 and "This field is required" in refused.text
    response.refresh_from_db()
    assert response.mark == 1

    client.post(url, {"mark": "0.5", "comment": "Half.", "reason": "Only half the points."})
    history = BeautifulSoup(client.get(url).content, "html.parser").select("table.listing tbody tr")
    rows = [[" ".join(cell.get_text(" ").split()) for cell in row.select("td")] for row in history]
    assert [row[1].startswith("Dilnoza R") for row in rows] == [True, True]
    assert {row[2] for row in rows} == {"– → 1 / 1", "1 → 0.50 / 1"}
    assert {(row[3], row[4]) for row in rows} == {
        ("Clear.", "–"),
        ("Half.", "Only half the points."),
    }


def test_the_learner_sees_the_current_mark_and_comment(client, response, trainer, officer):
    mark(response, "1", "Clear.", trainer)
    mark(response, "0.5", "Half the points.", trainer, reason="Re-read.")
    client.force_login(officer)
    page = client.get(reverse("quizzes:result", args=[response.attempt_id])).text
    assert "Mark: 0.50 of 1" in page and "Half the points." in page
    assert "Clear." not in page and "Re-read." not in page


def test_completion_revoked_and_restored_by_re_marks(response, trainer, officer, essay_quiz):
    enrolment = Enrolment.objects.get(user=officer)
    mark(response, "1", "", trainer)
    assert StepCompletion.objects.filter(user=officer, step_id=essay_quiz.pk).exists()
    assert entries(enrolment, "academy.completion") == []  # a first pass is no restoration

    mark(response, "0", "", trainer, reason="Copied.")
    mark(response, "1", "", trainer, reason="Not copied after all.")

    revoked, restored = entries(enrolment, "academy.completion")
    assert (revoked.action, revoked.user, revoked.data["step"]) == (
        "academy.completion.revoke",
        trainer,
        essay_quiz.pk,
    )
    assert (revoked.data["before"], revoked.data["after"]) == (
        {"completed": True},
        {"completed": False},
    )
    assert (restored.action, restored.user) == ("academy.completion.restore", trainer)
    # The mark, the completion and the certificate it touched share one action's uuid.
    remark = entries(response, "academy.remark")[0]
    certificate = Certificate.objects.get(user=officer)
    assert remark.uuid == revoked.uuid == entries(certificate, "academy.certificate")[0].uuid


def test_certificate_withdrawn_and_reinstated(response, trainer, officer):
    mark(response, "1", "", trainer)
    certificate = Certificate.objects.get(user=officer)
    mark(response, "0", "", trainer, reason="Copied.")
    mark(response, "1", "", trainer, reason="Not copied after all.")

    withdrawn, reinstated = entries(certificate, "academy.certificate")
    assert withdrawn.action == "academy.certificate.withdraw" and withdrawn.user == trainer
    assert withdrawn.data["before"]["revoked_at"] is None
    assert withdrawn.data["after"]["revoked_at"] is not None
    assert reinstated.action == "academy.certificate.reinstate"
    assert reinstated.data["before"] == withdrawn.data["after"]
    assert reinstated.data["after"]["revoked_at"] is None


def test_an_administrator_reads_the_marks_in_the_site_history(client, response, trainer):
    mark(response, "1", "", trainer)
    mark(response, "0", "", trainer, reason="Second reading.")
    # A member of the Administrators group, not a superuser: the group may read the record.
    client.force_login(make_user("administrator", groups=["Administrators"]))
    page = client.get(reverse("wagtailadmin_reports:site_history")).text
    assert "Marked: no mark → 1 of 1" in page
    assert "Marked: 1 of 1 → 0 of 1 (reason: Second reading.)" in page
    assert "Step no longer completed" in page and "Certificate withdrawn" in page
    client.force_login(trainer)  # trainers hold no permission on answers: not in their history
    page = client.get(reverse("wagtailadmin_reports:site_history")).text
    assert "Marked:" not in page and "Step no longer completed" not in page


def test_a_later_failing_attempt_revokes_the_completion_on_the_record():
    quiz = make_quiz(questions=[single_choice()], grading_method=GradingMethod.LAST)
    learner = enrolled_learner(quiz)
    take(quiz, learner, {"Which is right?": "Right"})
    take(quiz, learner, {"Which is right?": "Wrong"})

    (revoked,) = entries(Enrolment.objects.get(user=learner), "academy.completion")
    assert revoked.action == "academy.completion.revoke" and revoked.data["step"] == quiz.pk
    assert revoked.user is None  # the learner's own submission, no one's decision
