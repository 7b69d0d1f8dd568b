"""The practical course's worked model request: read in the lesson, downloaded as a handout."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (
    REPO,
    assert_page_basics,
    describe,
    enrol,
    log_in,
    run_axe,
    serious_violations,
)

pytestmark = pytest.mark.e2e

PRACTICAL = "/courses/practical-channels/"
MODEL_REQUEST_LESSON = PRACTICAL + "drafting-the-request/a-worked-model-request/"
HANDOUT = REPO / "fixtures" / "documents" / "model-mla-request.txt"


def test_an_officer_downloads_the_model_request_the_lesson_walks_through(page, academy_site):
    log_in(page, "e2e-handout", academy_site.password)
    enrol(page, PRACTICAL)
    page.goto(MODEL_REQUEST_LESSON)
    expect(page.get_by_role("heading", name="A worked model request")).to_be_visible()
    violations = run_axe(page)
    assert not serious_violations(violations), describe(violations)
    assert_page_basics(page, "model request lesson")

    link = page.get_by_role("link", name="Model request for mutual legal assistance")
    with page.expect_download() as download_info:
        link.click()

    with open(download_info.value.path(), "rb") as downloaded:
        assert downloaded.read() == HANDOUT.read_bytes()
