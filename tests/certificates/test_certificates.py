"""Completing a course earns a certificate that anyone holding its code can check."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from certificates.models import CODE_ALPHABET, Certificate
from courses import completion, enrolments
from tests.builders import lessons_of, make_course, make_user

pytestmark = pytest.mark.django_db


def text_of(response, selector):
    element = BeautifulSoup(response.content, "html.parser").select_one(selector)
    return " ".join(element.get_text(" ").split()) if element else None


def complete(learner, course):
    enrolments.enrol(learner, course)
    for lesson in lessons_of(course):
        completion.record_completion(learner, lesson)


@pytest.fixture
def learner():
    return make_user("officer", first_name="Aziza", last_name="Karimova")


def test_completing_the_last_step_issues_a_certificate(learner):
    course = make_course("Joint investigations", lessons=2)
    enrolments.enrol(learner, course)
    completion.record_completion(learner, lessons_of(course)[0])
    assert not Certificate.objects.exists()

    completion.record_completion(learner, lessons_of(course)[1])

    certificate = Certificate.objects.get()
    assert (certificate.user, certificate.course) == (learner, course)
    assert (certificate.learner_name, certificate.course_title) == (
        "Aziza Karimova",
        "Joint investigations",
    )
    assert certificate.is_valid
    assert len(certificate.code) == 19 and set(certificate.code) <= set(CODE_ALPHABET + "-")


def test_a_revoked_completion_withdraws_the_certificate_and_completing_again_reinstates_it(learner):
    course = make_course(lessons=2)
    complete(learner, course)
    last = lessons_of(course)[1]
    code = Certificate.objects.get().code

    completion.revoke_completion(learner, last)
    assert not Certificate.objects.get().is_valid

    completion.record_completion(learner, last)
    certificate = Certificate.objects.get()
    assert certificate.is_valid and certificate.code == code


def test_anyone_with_the_code_can_verify_it(client, learner):
    complete(learner, make_course("Joint investigations", lessons=1))
    certificate = Certificate.objects.get()

    response = client.get(reverse("certificates:verify", args=[certificate.code.lower()]))

    assert response.status_code == 200
    assert text_of(response, ".certificate__name") == "Aziza Karimova"
    assert text_of(response, ".certificate__course") == "Joint investigations"
    assert text_of(response, ".certificate [role=status]") == "This certificate is valid."
    assert "officer" not in response.text  # the username is not published, anywhere


def test_a_withdrawn_certificate_says_so(client, learner):
    course = make_course(lessons=1)
    complete(learner, course)
    completion.revoke_completion(learner, lessons_of(course)[0])

    response = client.get(Certificate.objects.get().get_absolute_url())

    assert text_of(response, ".certificate [role=status]").endswith("has been withdrawn.")
    assert text_of(response, ".certificate__name") is None
    assert "This certificate is valid." not in response.text


def test_an_unknown_code_is_a_404(client):
    assert (
        client.get(reverse("certificates:verify", args=["ABCD-EFGH-JKMN-PQRS"])).status_code == 404
    )


def test_learners_see_only_their_own_certificates(client, learner):
    other = make_user("other", first_name="Ivan", last_name="Petrov")
    course = make_course("Shared course", lessons=1)
    complete(learner, course)
    complete(other, course)

    client.force_login(learner)
    response = client.get(reverse("certificates:mine"))

    codes = [
        code.get_text()
        for code in BeautifulSoup(response.content, "html.parser").select(".card code")
    ]
    assert codes == [Certificate.objects.get(user=learner).code]
    assert Certificate.objects.get(user=other).code not in response.text


def test_the_certificate_list_needs_a_login(client):
    response = client.get(reverse("certificates:mine"))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_the_certificate_list_costs_the_same_for_one_and_many(client, learner):
    counts = []
    for n in (1, 6):
        user = make_user(f"learner-{n}")
        for i in range(n):
            complete(user, make_course(f"Course {n}.{i}", lessons=1))
        client.force_login(user)
        client.get(reverse("certificates:mine"))
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("certificates:mine"))
        counts.append(len(queries))
    assert counts[0] == counts[1]
