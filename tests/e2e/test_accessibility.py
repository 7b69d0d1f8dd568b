"""axe-core on every learner-facing page type: zero serious or critical violations.

Besides axe's rules (labels, contrast, landmarks, ARIA, ...), each page is checked for what
a keyboard user relies on: a skip link that moves focus to <main>, and a visible focus
indicator on the controls that Tab reaches.
"""

import pytest

from tests.e2e.helpers import (
    CYBERCRIME,
    LESSON_1,
    assert_page_basics,
    describe,
    enrol,
    log_in,
    run_axe,
    serious_violations,
)

pytestmark = pytest.mark.e2e

LEARNER_PAGES = {
    "home": "/",
    "catalog": "/courses/",
    "course": CYBERCRIME,
    "lesson": LESSON_1,
    "dashboard": "/learn/",
    "profile": "/learn/profile/",
}
ANONYMOUS_PAGES = {
    "login": "/accounts/login/",
    "course-anonymous": CYBERCRIME,
    "not-found": "/no-such-page/",
}


@pytest.fixture(scope="module")
def learner_state(browser, base_url, academy_site, tmp_path_factory):
    """A logged-in learner enrolled in the cybercrime course, as saved browser state."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    log_in(page, "e2e-a11y", academy_site.password)
    enrol(page)
    path = tmp_path_factory.mktemp("a11y") / "state.json"
    context.storage_state(path=str(path))
    context.close()
    return str(path)


def check(page, what):
    violations = run_axe(page)
    assert not serious_violations(violations), f"{what}: {describe(violations)}"
    assert_page_basics(page, what)


@pytest.mark.parametrize("name", LEARNER_PAGES)
def test_learner_page_is_accessible(new_context, learner_state, name):
    page = new_context(storage_state=learner_state).new_page()
    page.goto(LEARNER_PAGES[name])
    check(page, name)


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_public_page_is_accessible(page, name):
    page.goto(ANONYMOUS_PAGES[name])
    check(page, name)
