"""Uploaded documents are course material for officers: logged-in users only, served by
Django as attachments that a browser will neither sniff nor run."""

import importlib

from django.core.files.base import ContentFile
from django.urls import clear_url_caches

from wagtail.documents.models import Document

import pytest

from tests.builders import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    return Document.objects.create(
        title="Mutual legal assistance request form",
        file=ContentFile(b"%PDF-1.4 course material", name="mla-request.pdf"),
    )


def test_an_anonymous_visitor_is_sent_to_log_in(client, document):
    response = client.get(document.url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={document.url}"


def test_a_logged_in_learner_gets_the_file_with_safe_headers(client, document):
    client.force_login(make_user("officer", groups=["Learners"]))

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 course material"
    # A PDF opens in the browser's viewer (Wagtail's default), under the CSP below.
    assert response["Content-Disposition"] == 'inline; filename="mla-request.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


@pytest.fixture
def media_served_by_django(settings):
    """The demo's URL configuration, where Django serves uploads itself (SERVE_MEDIA)."""
    import academy.urls

    settings.SERVE_MEDIA = True
    importlib.reload(academy.urls)
    clear_url_caches()
    yield
    settings.SERVE_MEDIA = False
    importlib.reload(academy.urls)
    clear_url_caches()


def test_the_uploaded_file_is_not_reachable_under_media(client, document, media_served_by_django):
    client.force_login(make_user("officer", groups=["Learners"]))

    assert client.get("/media/" + document.file.name).status_code == 404
