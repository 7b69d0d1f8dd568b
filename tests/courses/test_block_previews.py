"""Every lesson block previews in the editor's block picker, drawn with the academy's CSS."""

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import pytest
from bs4 import BeautifulSoup

from courses.blocks import LessonBodyBlock
from tests.builders import make_user

pytestmark = pytest.mark.django_db

BLOCKS = LessonBodyBlock().child_blocks


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("admin", is_superuser=True))
    return client


@pytest.fixture
def library():
    image = get_image_model().objects.create(title="Briefing", file=get_test_image_file())
    document = get_document_model().objects.create(
        title="Request form", file=ContentFile(b"%PDF-1.4 form", name="request-form.pdf")
    )
    return image, document


def preview(client, block):
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_there_are_nine_lesson_blocks_and_each_offers_a_preview():
    assert len(BLOCKS) == 9
    assert all(block.is_previewable for block in BLOCKS.values())


@pytest.mark.parametrize("name", list(BLOCKS))
def test_each_block_previews_with_the_academy_css(editor_client, library, name):
    page = preview(editor_client, BLOCKS[name])
    stylesheets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert any(href.endswith("css/academy.css") for href in stylesheets)
    shown = page.find(class_=f"block-{name}")
    assert shown is not None and shown.get_text(strip=True)


def test_the_chooser_blocks_preview_with_the_librarys_own_files(editor_client, library):
    image, document = library
    figure = preview(editor_client, BLOCKS["image"]).find("figure")
    assert figure.find("img")["alt"] == "Officers of two agencies at a joint briefing"
    link = preview(editor_client, BLOCKS["document"]).find("a", download=True)
    assert link["href"] == document.url and "Request form" in link.get_text()
