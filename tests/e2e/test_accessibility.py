"""axe-core on every learner-facing page type: zero serious or critical violations.

Besides axe's rules (labels, contrast, landmarks, ARIA, ...), each page is checked for what
a keyboard user relies on: a skip link that moves focus to <main>, and a visible focus
indicator on the controls that Tab reaches.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (
    CYBERCRIME,
    LESSON_1,
    MODULE_QUIZ,
    assert_page_basics,
    describe,
    enrol,
    log_in,
    question,
    run_axe,
    serious_violations,
)

pytestmark = pytest.mark.e2e

LEARNER_PAGES = {
    "home": "/",
    "catalog": "/courses/",
    "course": CYBERCRIME,
    "lesson": LESSON_1,
    "quiz": MODULE_QUIZ,
    "quiz-attempt": None,  # found by the fixture: the learner's attempt in progress
    "quiz-result": None,  # and the result of a submitted attempt
    "dashboard": "/learn/",
    "profile": "/learn/profile/",
    "certificates": "/learn/certificates/",
}
CROSS_CULTURAL = "/courses/cross-cultural-cooperation/"
# In Russian and Uzbek: the interface and the seed lessons translated (the cybercrime course
# in Russian, the cross-cultural one in Uzbek), and a lesson not translated into Uzbek yet,
# shown in English with its note.
TRANSLATED_PAGES = {
    "catalog-ru": "/ru/courses/",
    "lesson-ru": f"/ru{LESSON_1}",
    "lesson-uz": f"/uz{CROSS_CULTURAL}prevention-strategies-and-partners/from-reaction-to-prevention/",
    "untranslated-lesson-uz": f"/uz{LESSON_1}",
    "dashboard-uz": "/uz/learn/",
}
ANONYMOUS_PAGES = {
    "login": "/accounts/login/",
    "course-anonymous": CYBERCRIME,
    "not-found": "/no-such-page/",
}


@pytest.fixture(scope="module")
def learner(browser, base_url, academy_site, tmp_path_factory):
    """A learner enrolled in the cybercrime course with one submitted quiz attempt and one
    in progress: their saved browser state and the URLs of those attempts."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    log_in(page, "e2e-a11y", academy_site.password)
    enrol(page, CROSS_CULTURAL)
    enrol(page)
    page.goto(MODULE_QUIZ)
    page.get_by_role("button", name="Start the quiz").click()
    # Some right, some wrong, some blank: the result shows every kind of verdict.
    question(page, 1).get_by_label("True").check()
    question(page, 5).get_by_label("False").check()
    page.get_by_role("button", name="Submit answers for grading").click()
    expect(page.get_by_role("heading", name="Result of attempt 1")).to_be_visible()
    urls = {"quiz-result": page.url}
    page.get_by_role("button", name="Start another attempt").click()
    expect(page.get_by_role("heading", name="Attempt 2")).to_be_visible()
    urls["quiz-attempt"] = page.url
    path = tmp_path_factory.mktemp("a11y") / "state.json"
    context.storage_state(path=str(path))
    context.close()
    return {"state": str(path), "urls": urls}


def check(page, what):
    violations = run_axe(page)
    assert not serious_violations(violations), f"{what}: {describe(violations)}"
    assert_page_basics(page, what)


@pytest.mark.parametrize("name", TRANSLATED_PAGES)
def test_russian_and_uzbek_pages_are_accessible(new_context, learner, name):
    page = new_context(storage_state=learner["state"]).new_page()
    page.goto(TRANSLATED_PAGES[name])

    violations = run_axe(page)

    assert not serious_violations(violations), f"{name}: {describe(violations)}"
    assert page.locator("html").get_attribute("lang") == name.rsplit("-", 1)[1]
    if "lesson" in name:
        # A translated lesson is read in its language; an untranslated one in English.
        expected = "en" if name.startswith("untranslated") else None
        assert page.locator("main").get_attribute("lang") == expected, name
        expect(page.get_by_role("note")).to_have_count(1 if expected else 0)


@pytest.mark.parametrize("name", LEARNER_PAGES)
def test_learner_page_is_accessible(new_context, learner, name):
    page = new_context(storage_state=learner["state"]).new_page()
    page.goto(LEARNER_PAGES[name] or learner["urls"][name])
    check(page, name)


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_public_page_is_accessible(page, name):
    page.goto(ANONYMOUS_PAGES[name])
    check(page, name)


def test_a_certificate_is_accessible(page, academy_site):
    """The public verification page, as an employer or a partner agency sees it."""
    code = academy_site.shell(
        "from django.utils import timezone\n"
        "from certificates.models import Certificate\n"
        "from courses.models import CoursePage\n"
        "from django.contrib.auth import get_user_model\n"
        "c, _ = Certificate.objects.get_or_create(\n"
        "    user=get_user_model().objects.get(username='officer2'),\n"
        "    course=CoursePage.objects.get(slug='cross-cultural-cooperation', locale__language_code='en'),\n"
        "    defaults={'learner_name': 'Ivan Petrov', 'course_title': 'Cross-cultural skills',\n"
        "              'issued_at': timezone.now()})\n"
        "print(c.code)"
    ).strip()
    page.goto(f"/certificates/{code}/")
    expect(page.get_by_text("This certificate is valid.")).to_be_visible()
    check(page, "certificate")
