"""Who is in a cohort decides whose records a trainer sees: every change is on the record."""

from django.urls import reverse

from wagtail.log_actions import LogContext
from wagtail.models import ModelLogEntry

import pytest

from learners.models import Cohort
from tests.builders import make_user

pytestmark = pytest.mark.django_db


def member_entries(cohort):
    return list(
        ModelLogEntry.objects.for_instance(cohort)
        .filter(action="academy.cohort.members")
        .order_by("timestamp", "pk")
    )


def test_learners_added_and_removed_through_the_model_api():
    cohort = Cohort.objects.create(name="A")
    alice, bob = make_user("alice"), make_user("bob")
    administrator = make_user("admin", is_superuser=True)
    with LogContext(user=administrator):
        cohort.learners.add(alice, bob)
        bob.cohorts.remove(cohort)  # from the learner's side
        cohort.learners.clear()

    added, removed, cleared = member_entries(cohort)
    assert added.user == administrator
    assert (added.data["before"], added.data["after"], added.data["added"]) == (
        [],
        ["alice", "bob"],
        ["alice", "bob"],
    )
    assert (removed.data["removed"], removed.data["after"]) == (["bob"], ["alice"])
    assert (cleared.data["before"], cleared.data["after"]) == (["alice"], [])
    assert {entry.data["field"] for entry in (added, removed, cleared)} == {"learners"}


def test_a_trainer_assigned_in_the_admin_is_on_the_cohorts_history(client):
    cohort = Cohort.objects.create(name="A")
    trainer = make_user("trainer", groups=["Trainers"])
    administrator = make_user("admin", is_superuser=True)
    client.force_login(administrator)
    url = reverse(Cohort.snippet_viewset.get_url_name("edit"), args=[cohort.pk])

    response = client.post(
        url,
        {
            "name": "A",
            "description": "",
            "courses": [],
            "trainers": [trainer.pk],
            # The cohort's assignments, edited inline on the same form (none here).
            "assignments-TOTAL_FORMS": "0",
            "assignments-INITIAL_FORMS": "0",
            "assignments-MIN_NUM_FORMS": "0",
            "assignments-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302
    (entry,) = member_entries(cohort)
    assert (entry.user, entry.data["field"], entry.data["added"]) == (
        administrator,
        "trainers",
        ["trainer"],
    )
    history = client.get(
        reverse(Cohort.snippet_viewset.get_url_name("history"), args=[cohort.pk])
    ).text
    assert "Trainers: added trainer; removed –" in history
