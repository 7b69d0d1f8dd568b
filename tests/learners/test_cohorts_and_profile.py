"""Trainers follow only their own cohorts; learners keep their profile."""

from django.urls import reverse

import pytest

from courses import completion, enrolments
from learners.models import Cohort, LearnerProfile
from tests.builders import lessons_of, make_course, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cohorts():
    course = make_course(lessons=2)
    mine, theirs = Cohort.objects.create(name="Mine"), Cohort.objects.create(name="Theirs")
    trainer, other_trainer = make_user("trainer"), make_user("other-trainer")
    mine.trainers.add(trainer)
    theirs.trainers.add(other_trainer)
    alice, bob = make_user("alice"), make_user("bob")
    mine.learners.add(alice)
    theirs.learners.add(bob)
    for cohort in (mine, theirs):
        cohort.courses.add(course)
    enrolments.enrol(alice, course)
    completion.record_completion(alice, lessons_of(course)[0])
    return {"course": course, "mine": mine, "theirs": theirs, "trainer": trainer}


def test_a_trainer_sees_their_cohort_and_its_progress(client, two_cohorts):
    client.force_login(two_cohorts["trainer"])

    listing = client.get(reverse("learners:cohort_list"))
    detail = client.get(reverse("learners:cohort_detail", args=[two_cohorts["mine"].pk]))

    assert "Mine" in listing.text and "Theirs" not in listing.text
    assert "alice" in detail.text and "bob" not in detail.text
    assert "50% (1 of 2)" in detail.text


def test_a_trainer_cannot_open_another_trainers_cohort(client, two_cohorts):
    client.force_login(two_cohorts["trainer"])
    response = client.get(reverse("learners:cohort_detail", args=[two_cohorts["theirs"].pk]))
    assert response.status_code == 404


def test_a_learner_sees_no_cohort_records(client, two_cohorts):
    client.force_login(make_user("curious"))
    assert "Mine" not in client.get(reverse("learners:cohort_list")).text
    for cohort in ("mine", "theirs"):
        url = reverse("learners:cohort_detail", args=[two_cohorts[cohort].pk])
        assert client.get(url).status_code == 404


def test_the_header_links_to_cohorts_only_for_trainers(client, two_cohorts):
    client.force_login(two_cohorts["trainer"])
    assert "My cohorts" in client.get("/learn/").text
    client.force_login(make_user("learner"))
    assert "My cohorts" not in client.get("/learn/").text


def test_a_learner_edits_their_profile_and_language(client):
    learner = make_user("officer")
    client.force_login(learner)

    response = client.post(
        reverse("learners:profile"),
        {"agency": "MVD", "country": "Uzbekistan", "rank": "Captain", "preferred_language": "ru"},
    )

    assert response.status_code == 302
    profile = LearnerProfile.objects.get(user=learner)
    assert (profile.agency, profile.country, profile.rank, profile.preferred_language) == (
        "MVD",
        "Uzbekistan",
        "Captain",
        "ru",
    )
    # The saved profile speaks the chosen language: its URL carries it.
    assert response["Location"] == "/ru/learn/profile/"


def test_the_language_cookie_is_the_one_the_settings_name(client, settings):
    # Pages without a language in their URL (the admin's login) follow the switcher's cookie.
    settings.LANGUAGE_COOKIE_NAME = "academy_language"
    response = client.post(reverse("switch_language"), {"language": "uz", "next": "/"})
    assert response.cookies["academy_language"].value == "uz"
    assert "django_language" not in response.cookies


def test_an_invalid_language_is_refused_with_a_message(client):
    learner = make_user("officer")
    client.force_login(learner)

    response = client.post(reverse("learners:profile"), {"preferred_language": "xx"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not LearnerProfile.objects.filter(user=learner, preferred_language="xx").exists()
