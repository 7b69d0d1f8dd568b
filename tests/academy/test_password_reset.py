"""Password reset from the login page: the answer is the same for any address, the mail
leaves the request through a background task, and the link sets a new password."""

import re

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import pytest
from django_tasks_db.models import DBTaskResult

from tests.builders import make_user

pytestmark = pytest.mark.django_db

RESET = "/accounts/password-reset/"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def ask_for_reset(client, address):
    return client.post(RESET, {"email": address}, follow=True)


def without_csrf_token(response):
    """The page as a learner reads it: each response masks the CSRF token differently."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def query_shapes(captured):
    """The queries a request ran, with the values they carried left out."""
    return [re.sub(r"'[^']*'", "?", query["sql"]) for query in captured.captured_queries]


def link_in(message):
    return re.search(r"https?://testserver(/accounts/reset/\S+/)", message.body).group(1)


def test_the_login_page_links_to_the_reset_form(client):
    login = client.get("/accounts/login/").content.decode()
    assert f'href="{RESET}"' in login
    assert client.get(RESET).status_code == 200


def test_registered_and_unknown_addresses_get_identical_answers(client):
    make_user("officer", email="officer@police.example.org")

    registered = ask_for_reset(client, "officer@police.example.org")
    unknown = ask_for_reset(client, "nobody@police.example.org")

    assert registered.redirect_chain == unknown.redirect_chain
    assert registered.status_code == unknown.status_code == 200
    assert without_csrf_token(registered) == without_csrf_token(unknown)


def test_the_task_mails_the_registered_address_only(client):
    make_user("officer", email="officer@police.example.org")

    ask_for_reset(client, "nobody@police.example.org")
    assert mail.outbox == []

    ask_for_reset(client, "officer@police.example.org")
    assert [message.to for message in mail.outbox] == [["officer@police.example.org"]]
    assert "officer" in mail.outbox[0].body


def test_the_link_sets_a_new_password_once(client):
    make_user("officer", email="officer@police.example.org")
    ask_for_reset(client, "officer@police.example.org")
    link = link_in(mail.outbox[0])

    form = client.get(link, follow=True)
    assert form.status_code == 200
    set_password = form.redirect_chain[-1][0]
    done = client.post(
        set_password,
        {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
        follow=True,
    )
    assert done.redirect_chain[-1][0] == "/accounts/reset/done/"

    logged_in = client.post(
        "/accounts/login/", {"username": "officer", "password": "a-new-long-passphrase"}
    )
    assert logged_in.status_code == 302
    client.logout()
    reused = client.get(link, follow=True).content.decode()
    assert "This link has expired or has already been used." in reused


def test_in_production_the_request_only_queues_the_mail(client, settings):
    """With the database queue, nothing is looked up or sent in the request: a worker does it."""
    settings.TASKS = DATABASE_QUEUE
    make_user("officer", email="officer@police.example.org")
    client.get(RESET)  # the site's caches warm up on a first page, whichever it is

    with CaptureQueriesContext(connection) as for_registered:
        ask_for_reset(client, "officer@police.example.org")
    with CaptureQueriesContext(connection) as for_unknown:
        ask_for_reset(client, "nobody@police.example.org")

    assert mail.outbox == []
    queued = DBTaskResult.objects.order_by("enqueued_at")
    assert [task.status for task in queued] == ["READY", "READY"]
    assert [task.args_kwargs["kwargs"]["email"] for task in queued] == [
        "officer@police.example.org",
        "nobody@police.example.org",
    ]
    # The same work for either address: no query tells a registered address apart.
    assert query_shapes(for_registered) == query_shapes(for_unknown)

    # What `manage.py db_worker` does with each queued row (the worker itself takes an
    # exclusive lock that a test's transaction cannot give it).
    for row in queued:
        row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])

    assert [message.to for message in mail.outbox] == [["officer@police.example.org"]]


def test_the_reset_pages_and_mail_are_translated(client):
    make_user("officer", email="officer@police.example.org")

    form = client.get(RESET, HTTP_ACCEPT_LANGUAGE="uz").content.decode()
    client.post(RESET, {"email": "officer@police.example.org"}, HTTP_ACCEPT_LANGUAGE="ru")

    with translation.override("uz"):
        heading = translation.gettext("Reset your password")
    with translation.override("ru"):
        mail_line = translation.gettext(
            "If you did not ask for this, ignore this e-mail: your password stays as it is."
        )
    assert heading != "Reset your password"
    assert heading in form
    assert not mail_line.startswith("If you did not")
    assert mail_line in mail.outbox[0].body
