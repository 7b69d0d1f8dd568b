"""Page weight, as the browser measures it: what a lesson page costs over the network.

Sizes come from the Resource Timing API (`transferSize`: headers and body as sent over the
wire, 0 for what the browser took from its cache). Static files have hashed names and are
served with a far-future `Cache-Control` by whitenoise, so the second lesson a learner
opens costs its HTML only. The figures are saved to tests/e2e/artifacts/page-weight.json.
"""

import json

import pytest

from tests.e2e.helpers import LESSON_1, LESSON_2, enrol, log_in

pytestmark = pytest.mark.e2e

FIRST_LOAD_LIMIT = 150 * 1024
NEXT_LOAD_LIMIT = 30 * 1024

MEASURE = """() => {
  const navigation = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource').map(entry => ({
    url: new URL(entry.name).pathname, type: entry.initiatorType,
    transfer: entry.transferSize, body: entry.encodedBodySize,
  }));
  return {
    document: {url: location.pathname, transfer: navigation.transferSize,
               body: navigation.encodedBodySize},
    resources,
    total: navigation.transferSize + resources.reduce((sum, r) => sum + r.transfer, 0),
  };
}"""


def static_requests_served(site):
    """How many static files gunicorn's access log shows it served so far."""
    log = (site.folder / "gunicorn.log").read_text(errors="replace")
    return log.count('"GET /static/')


def load_and_measure(page, path):
    page.goto(path)
    page.wait_for_load_state("networkidle")
    return page.evaluate(MEASURE)


def test_lesson_page_weight_first_and_next_load(browser, base_url, academy_site, artifacts):
    setup = browser.new_context(base_url=base_url)
    page = setup.new_page()
    log_in(page, "e2e-weight", academy_site.password)
    enrol(page)
    state = setup.storage_state()
    setup.close()

    # A logged-in learner whose browser cache is empty.
    context = browser.new_context(base_url=base_url, storage_state=state)
    page = context.new_page()
    first = load_and_measure(page, LESSON_1)
    served_before = static_requests_served(academy_site)
    following = load_and_measure(page, LESSON_2)
    again = load_and_measure(page, LESSON_1)
    served_after = static_requests_served(academy_site)
    context.close()

    report = {"first_load": first, "next_lesson": following, "same_lesson_again": again}
    (artifacts.parent / "page-weight.json").write_text(json.dumps(report, indent=2))

    stylesheets = [r for r in first["resources"] if r["url"].endswith(".css")]
    assert stylesheets, "the lesson page loads its stylesheet"
    assert all(r["transfer"] > 0 for r in first["resources"]), "a cold cache fetches everything"
    assert first["total"] < FIRST_LOAD_LIMIT, json.dumps(first, indent=1)

    for load in (following, again):
        cached = [r for r in load["resources"] if r["url"].startswith("/static/")]
        assert cached, "the page uses the same static files"
        assert all(r["transfer"] == 0 for r in cached), json.dumps(load, indent=1)
        assert load["total"] < NEXT_LOAD_LIMIT, json.dumps(load, indent=1)
    # The server's own log agrees: the browser did not even ask for them again.
    assert served_before >= len(stylesheets) + 1, "the log shows the first load's files"
    assert served_after == served_before
