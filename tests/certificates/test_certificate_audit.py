"""An administrator withdrawing or reinstating a certificate by hand goes on the record."""

from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from certificates.models import Certificate
from courses import progress
from tests.builders import lessons_of, make_course, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    learner = make_user("officer")
    course = make_course("Joint investigations", lessons=1)
    progress.enrol(learner, course)
    progress.record_completion(learner, lessons_of(course)[0])
    return Certificate.objects.get(user=learner)


def edit(client, certificate, revoked_at, reason):
    url = reverse(Certificate.snippet_viewset.get_url_name("edit"), args=[certificate.pk])
    return client.post(url, {"revoked_at": revoked_at, "reason": reason})


def test_an_administrator_withdraws_and_reinstates_with_a_reason(client, certificate):
    administrator = make_user("admin", is_superuser=True)
    client.force_login(administrator)

    assert edit(client, certificate, "2026-01-05 10:00", "Identity fraud.").status_code == 302
    assert edit(client, certificate, "", "Fraud not proven.").status_code == 302

    entries = list(
        ModelLogEntry.objects.for_instance(certificate)
        .filter(action__startswith="academy.certificate")
        .order_by("timestamp", "pk")
    )
    assert [(e.action, e.user, e.data["reason"]) for e in entries] == [
        ("academy.certificate.withdraw", administrator, "Identity fraud."),
        ("academy.certificate.reinstate", administrator, "Fraud not proven."),
    ]
    assert entries[0].data["before"]["revoked_at"] is None
    assert entries[1].data["after"]["revoked_at"] is None
    history = client.get(
        reverse(Certificate.snippet_viewset.get_url_name("history"), args=[certificate.pk])
    ).text
    assert "Certificate withdrawn" in history and "Certificate reinstated" in history


def test_an_edit_that_leaves_the_withdrawal_alone_records_no_withdrawal(client, certificate):
    client.force_login(make_user("admin", is_superuser=True))
    edit(client, certificate, "", "")
    assert not ModelLogEntry.objects.filter(action__startswith="academy.certificate").exists()
