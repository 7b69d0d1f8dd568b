"""Trainers import learners into a cohort from CSV or XLSX: preview, then all or nothing."""

import io

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

import openpyxl
import pytest
from bs4 import BeautifulSoup

from learners.importing import (
    ImportFileError,
    apply_import,
    plan_import,
    read_rows,
    sign_rows,
)
from learners.models import Cohort, LearnerProfile
from tests.builders import make_user

pytestmark = pytest.mark.django_db

HEADER = "username,first name,last name,e-mail,agency,rank,preferred language"


def page_soup(response):
    return BeautifulSoup(response.content, "html.parser")


GOOD_ROWS = [
    "akarimov,Aziz,Karimov,aziz@example.org,MVD,Captain,uz",
    "ipetrova,Irina,Petrova,irina@example.org,Border Service,Major,ru",
]


def csv_file(*lines, name="officers.csv"):
    return SimpleUploadedFile(name, "\n".join(lines).encode("utf-8"), "text/csv")


def xlsx_file(rows, name="officers.xlsx"):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def cohort():
    cohort = Cohort.objects.create(name="Spring intake")
    cohort.trainers.add(make_user("trainer"))
    return cohort


def preview(client, cohort, upload):
    return client.post(reverse("learners:cohort_import", args=[cohort.pk]), {"file": upload})


def test_a_good_csv_is_previewed_then_imported_on_confirmation(
    client, cohort, django_capture_on_commit_callbacks
):
    client.force_login(cohort.trainers.get())

    page = preview(client, cohort, csv_file(HEADER, *GOOD_ROWS))

    summary = page_soup(page).select_one(".import-summary")
    assert " ".join(summary.get_text().split()).startswith("2 accounts will be created,")
    actions = [
        " ".join(row.select("td")[-1].get_text().split())
        for row in page_soup(page).select("tbody tr")
    ]
    assert actions == ["New account", "New account"]
    assert not get_user_model().objects.filter(username="akarimov").exists()
    signed = page.context["signed"]
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            reverse("learners:cohort_import_confirm", args=[cohort.pk]), {"rows": signed}
        )
    assert done.status_code == 302
    aziz = get_user_model().objects.get(username="akarimov")
    assert (aziz.first_name, aziz.last_name, aziz.email) == ("Aziz", "Karimov", "aziz@example.org")
    assert not aziz.has_usable_password()
    profile = LearnerProfile.objects.get(user=aziz)
    assert (profile.agency, profile.rank, profile.preferred_language) == ("MVD", "Captain", "uz")
    assert set(cohort.learners.values_list("username", flat=True)) == {"akarimov", "ipetrova"}
    assert sorted(message.to[0] for message in mail.outbox) == [
        "aziz@example.org",
        "irina@example.org",
    ]


def test_the_set_password_email_links_to_a_page_where_the_learner_chooses_a_password(
    client, cohort, django_capture_on_commit_callbacks
):
    plans = plan_import(read_rows(csv_file(HEADER, GOOD_ROWS[1])), "officers.csv")
    with django_capture_on_commit_callbacks(execute=True):
        created = apply_import(plans, cohort)
        from learners.tasks import send_set_password_email

        send_set_password_email.enqueue(created[0].pk)
    message = mail.outbox[0]
    assert "Ваш" in message.subject  # in the learner's language (ru)
    link = next(word for word in message.body.split() if word.startswith("http://testserver/"))
    page = client.get(link, follow=True)
    assert page.status_code == 200
    response = client.post(
        page.request["PATH_INFO"],
        {"new_password1": "a-long-new-secret-42", "new_password2": "a-long-new-secret-42"},
    )
    assert response.status_code == 302
    assert client.login(username="ipetrova", password="a-long-new-secret-42")


def test_an_xlsx_file_imports_the_same_way(cohort):
    rows = read_rows(
        xlsx_file(
            [
                [
                    "Username",
                    "First name",
                    "Last name",
                    "E-mail",
                    "Agency",
                    "Rank",
                    "Preferred language",
                ],
                ["akarimov", "Aziz", "Karimov", "aziz@example.org", "MVD", "Captain", "UZ"],
                [None] * 7,
                ["bsaidov", "Bek", "Saidov", "bek@example.org", None, None, None],
            ]
        )
    )

    plans = plan_import(rows, "officers.xlsx")

    assert [(plan.row, plan.action, plan.errors) for plan in plans] == [
        (2, "create", []),
        (4, "create", []),
    ]
    apply_import(plans, cohort)
    assert LearnerProfile.objects.get(user__username="akarimov").preferred_language == "uz"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (",Aziz,Karimov,aziz@example.org,MVD,Captain,uz", "the username is missing"),
        ("bad name!,Aziz,Karimov,aziz@example.org,MVD,Captain,uz", "may hold only letters"),
        ("akarimov,Aziz,Karimov,,MVD,Captain,uz", "the e-mail address is missing"),
        ("akarimov,Aziz,Karimov,not-an-address,MVD,Captain,uz", "is not an e-mail address"),
        ("akarimov,Aziz,Karimov,aziz@example.org,MVD,Captain,fr", "the language “fr”"),
        ("akarimov," + "A" * 151 + ",Karimov,aziz@example.org,MVD,Captain,uz", "longer than 150"),
        ("ipetrova,Other,Person,other@example.org,MVD,Captain,uz", "already on row 2"),
        (
            "someone,Other,Person,IRINA@example.org,MVD,Captain,uz",
            "e-mail address is already on row 2",
        ),
    ],
)
def test_each_kind_of_bad_row_is_named_by_file_and_row_and_nothing_is_written(
    client, cohort, line, message
):
    client.force_login(cohort.trainers.get())

    page = preview(client, cohort, csv_file(HEADER, GOOD_ROWS[1], line))

    assert "officers.csv, row 3" in page.text
    assert message in page.text
    assert "Confirm the import" not in page.text
    assert cohort.learners.count() == 0
    assert get_user_model().objects.count() == 1  # the trainer


def test_an_email_of_another_account_than_the_username_is_refused(cohort):
    make_user("akarimov", email="aziz@example.org")
    make_user("irina-old", email="irina@example.org")

    plans = plan_import(read_rows(csv_file(HEADER, "akarimov,A,K,irina@example.org,,,")), "f.csv")

    assert plans[0].errors == ["the e-mail address belongs to another account (irina-old)"]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (csv_file("username,email", "a,a@example.org"), "row 1: the header lacks the columns"),
        (SimpleUploadedFile("officers.txt", b"hello"), "neither a CSV nor an XLSX"),
        (SimpleUploadedFile("officers.xlsx", b"not a zip"), "not a readable XLSX"),
        (SimpleUploadedFile("officers.csv", "é".encode("latin-1")), "not UTF-8"),
        (csv_file(HEADER), "has no learners"),
    ],
)
def test_a_file_that_cannot_be_read_gets_a_clear_message(client, cohort, upload, message):
    client.force_login(cohort.trainers.get())
    page = preview(client, cohort, upload)
    assert page.status_code == 200
    assert message in page.text
    assert cohort.learners.count() == 0


def test_existing_accounts_are_matched_by_username_or_email_not_duplicated(cohort):
    by_name = make_user("akarimov", email="old@example.org", first_name="Old")
    by_mail = make_user("irina.p", email="Irina@Example.org")
    users_before = get_user_model().objects.count()

    plans = plan_import(read_rows(csv_file(HEADER, *GOOD_ROWS)), "officers.csv")

    assert [(plan.action, plan.user) for plan in plans] == [
        ("update", by_name),
        ("update", by_mail),
    ]
    assert apply_import(plans, cohort) == []
    assert get_user_model().objects.count() == users_before
    by_name.refresh_from_db()
    assert (by_name.first_name, by_name.email) == ("Aziz", "aziz@example.org")
    assert set(cohort.learners.all()) == {by_name, by_mail}


def test_the_import_is_all_or_nothing(cohort):
    plans = plan_import(read_rows(csv_file(HEADER, *GOOD_ROWS)), "officers.csv")
    # Between preview and confirmation someone takes the second username.
    make_user("ipetrova", email="irina@example.org")
    plans[1].user = None
    plans[1].action = "create"

    with pytest.raises(IntegrityError):  # the unique username stops the second row
        apply_import(plans, cohort)

    assert not get_user_model().objects.filter(username="akarimov").exists()
    assert cohort.learners.count() == 0


def test_a_confirmation_is_checked_again_and_refused_if_the_file_no_longer_fits(client, cohort):
    client.force_login(cohort.trainers.get())
    signed = sign_rows(read_rows(csv_file(HEADER, *GOOD_ROWS)), "officers.csv")
    make_user("someone", email="aziz@example.org")
    make_user("akarimov", email="other@example.org")

    page = client.post(
        reverse("learners:cohort_import_confirm", args=[cohort.pk]), {"rows": signed}
    )

    assert "nothing was changed" in page.text
    assert cohort.learners.count() == 0


def test_a_forged_preview_is_refused(client, cohort):
    client.force_login(cohort.trainers.get())
    signed = sign_rows(read_rows(csv_file(HEADER, *GOOD_ROWS)), "officers.csv")

    response = client.post(
        reverse("learners:cohort_import_confirm", args=[cohort.pk]),
        {"rows": signed[:-3] + "xyz"},
        follow=True,
    )

    assert "expired or was altered" in response.text
    assert cohort.learners.count() == 0


def test_only_those_who_follow_the_cohort_may_import(client, cohort):
    client.force_login(make_user("stranger"))
    assert preview(client, cohort, csv_file(HEADER, *GOOD_ROWS)).status_code == 404


def test_read_rows_refuses_a_header_only_of_other_columns():
    with pytest.raises(ImportFileError):
        read_rows(csv_file("a,b,c", "1,2,3"))
