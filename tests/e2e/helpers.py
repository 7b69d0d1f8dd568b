"""What the browser tests do again and again, as a person would do it."""

import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

REPO = Path(__file__).resolve().parent.parent.parent
AXE_JS = REPO / "var" / "node" / "node_modules" / "axe-core" / "axe.min.js"

# Playwright's default viewport, 1280 × 720, is the desktop; a phone is 360 × 740.
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}

CYBERCRIME = "/courses/cybercrime-digital-evidence/"
LESSON_1 = CYBERCRIME + "the-threat-in-2016/what-europol-found-in-2016/"
LESSON_2 = CYBERCRIME + "the-threat-in-2016/why-cybercrime-crosses-borders/"
MODULE_QUIZ = CYBERCRIME + "the-threat-in-2016/module-quiz/"

# The right answers of the module 1 quiz (fixtures/courses/cybercrime-digital-evidence.yaml).
EUROPOL_FINDING = "Most attacks were simple and worked because of poor digital hygiene."
EUROPOL_REPORTED = {
    "Specialists sell tools and services to organised crime groups (Crime-as-a-Service).",
    "Ransomware and banking Trojans were the top malware threats.",
}
FIRST_STEP = (
    "Secure the local evidence and, through the agency's international cooperation channel, "
    "ask for the data on the foreign server to be preserved."
)


def answer_module_quiz(page, *, last_right=False):
    """Answer the module 1 quiz with the mouse: all right but the last, unless told."""
    question(page, 1).get_by_label("True").check()
    question(page, 2).get_by_label(EUROPOL_FINDING).check()
    for label in EUROPOL_REPORTED:
        question(page, 3).get_by_label(label).check()
    question(page, 4).get_by_role("textbox").fill("Crime-as-a-Service")
    question(page, 5).get_by_label("True").check()
    question(page, 6).get_by_label(FIRST_STEP).check()
    question(page, 7).get_by_label("False" if last_right else "True").check()


def log_in(page: Page, username: str, password: str, *, next_path: str = ""):
    page.goto("/accounts/login/" + (f"?next={next_path}" if next_path else ""))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def log_out(page: Page):
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


def enrol(page: Page, course_path: str = CYBERCRIME):
    """Enrol from the course page; the site then opens the course's first step."""
    page.goto(course_path)
    page.get_by_role("button", name="Enrol").click()
    expect(page.locator(".message--success")).to_contain_text("You are enrolled")


def course_progress(page: Page) -> int:
    """The value of the course progress bar on a course or step page, in percent."""
    return int(page.locator("#course-progress").get_attribute("value"))


def assert_no_horizontal_overflow(page: Page, what: str):
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    if widths["scroll"] > widths["inner"]:
        culprits = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                 .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
                 .slice(0, 5)
                 .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
                            + ' right=' + Math.round(el.getBoundingClientRect().right))"""
        )
        pytest.fail(
            f"{what}: the page is {widths['scroll']}px wide in a {widths['inner']}px viewport; "
            f"widest: {culprits}"
        )


def assert_controls_reachable(page: Page, what: str):
    """Every visible link, button and field lies within the viewport's width and is not
    covered by another element at its centre once scrolled to, so a thumb can reach it."""
    problems = page.evaluate(
        """() => {
          const out = [];
          const controls = document.querySelectorAll(
            'a[href], button, input:not([type=hidden]), select, textarea, summary');
          for (const el of controls) {
            const style = getComputedStyle(el);
            if (el.closest('[hidden]') || style.visibility === 'hidden') continue;
            if (el.classList.contains('skip-link')) continue;
            let rect = el.getBoundingClientRect();
            if (rect.width === 0 && rect.height === 0) continue;
            el.scrollIntoView({block: 'center', inline: 'nearest'});
            rect = el.getBoundingClientRect();
            const label = el.tagName.toLowerCase() + ' "' +
              (el.innerText || el.value || el.name || '').trim().slice(0, 40) + '"';
            if (rect.left < -0.5 || rect.right > window.innerWidth + 0.5) {
              out.push(label + ' sticks out (' + Math.round(rect.left) + '..' +
                       Math.round(rect.right) + ')');
              continue;
            }
            const x = Math.min(Math.max(rect.left + rect.width / 2, 0), window.innerWidth - 1);
            const y = Math.min(Math.max(rect.top + rect.height / 2, 0), window.innerHeight - 1);
            const hit = document.elementFromPoint(x, y);
            if (hit && !el.contains(hit) && !hit.contains(el) && !(el.labels &&
                [...el.labels].some(l => l.contains(hit)))) {
              out.push(label + ' is covered by ' + hit.tagName.toLowerCase() +
                       (hit.className ? '.' + hit.className : ''));
            }
          }
          window.scrollTo(0, 0);
          return out;
        }"""
    )
    assert not problems, f"{what}: controls out of reach at this width: {problems}"


def run_axe(page: Page):
    """axe-core's violations on the current page (all of its rules, WCAG 2.1 AA and the
    best practices: landmarks, labels, contrast, ...)."""
    if not AXE_JS.exists():
        message = f"{AXE_JS} is missing: `make browser-deps` installs axe-core"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does
    # not govern: a <script> tag with axe's source would be an inline script it refuses.
    page.evaluate(AXE_JS.read_text() + "\n;undefined")
    return page.evaluate(
        """async () => {
          const results = await axe.run(document, {resultTypes: ['violations']});
          return results.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
          }));
        }"""
    )


def serious_violations(violations):
    return [v for v in violations if v["impact"] in {"serious", "critical"}]


def describe(violations):
    return json.dumps(violations, indent=1)[:4000]


def assert_page_basics(page: Page, what: str):
    """Landmarks, a working skip link, and a visible focus indicator on what Tab reaches."""
    assert page.locator("main#main").count() == 1, f"{what}: one <main id=main>"
    assert page.locator("header.site-header").count() == 1, f"{what}: a banner"
    assert page.locator("footer").count() >= 1, f"{what}: a contentinfo landmark"
    assert page.get_by_role("navigation", name="Main").count() == 1, f"{what}: main nav"
    assert page.locator("h1").count() == 1, f"{what}: one h1"

    focus_start_of_page(page)
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Skip to main content")
    expect(skip).to_be_in_viewport()
    assert_visible_focus(page, what + ", skip link")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main", (
        f"{what}: the skip link moves focus to main"
    )
    # The next few controls in tab order each show where the focus is.
    focus_start_of_page(page)
    page.keyboard.press("Tab")
    for _ in range(6):
        page.keyboard.press("Tab")
        assert_visible_focus(page, what)


def focus_start_of_page(page: Page):
    """Put the keyboard where it is when a page has just opened (whatever has autofocus)."""
    page.evaluate(
        """() => {
          const start = document.createElement('span');
          start.tabIndex = -1;
          start.dataset.e2eFocusStart = '';
          document.body.prepend(start);
          start.focus();
          window.scrollTo(0, 0);
        }"""
    )


def assert_visible_focus(page: Page, what: str):
    state = page.evaluate(
        """() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const s = getComputedStyle(el);
          return {tag: el.tagName, text: (el.innerText || el.value || '').slice(0, 40),
                  outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                  shadow: s.boxShadow !== 'none'};
        }"""
    )
    if state is None:
        return
    assert state["outline"] or state["shadow"], f"{what}: no visible focus on {state}"


def screenshot(page: Page, folder: Path, name: str, *, full_page=False):
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def question(page: Page, number: int):
    """The fieldset of question `number` on an attempt page."""
    return page.get_by_role("group", name=re.compile(rf"^Question {number}\b"))


def question_about(page: Page, prompt_start: str):
    """The fieldset whose prompt begins with `prompt_start` (questions may be shuffled)."""
    return page.locator("fieldset.quiz-question").filter(
        has=page.locator(".quiz-question__prompt", has_text=prompt_start)
    )


def is_focused(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page: Page, locator, *, limit=400):
    """Press Tab (only Tab) until `locator` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if is_focused(locator):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {locator}")


def choose_by_keyboard(page: Page, group, label: str):
    """Tab into a radio group, then move with the arrow keys to `label` and select it."""
    tab_to(page, group.get_by_role("radio").first)
    for _ in range(group.get_by_role("radio").count()):
        focused = group.locator("input:focus")
        if focused.evaluate("el => el.labels[0].textContent.trim()") == label:
            page.keyboard.press("Space")
            expect(focused).to_be_checked()
            return
        page.keyboard.press("ArrowDown")
    pytest.fail(f"no option {label!r} in {group}")


def tick_by_keyboard(page: Page, group, labels):
    """Tab to each checkbox in `labels` and tick it with Space."""
    for box in group.get_by_role("checkbox").all():
        if box.evaluate("el => el.labels[0].textContent.trim()") in labels:
            tab_to(page, box)
            page.keyboard.press("Space")
            expect(box).to_be_checked()


def type_by_keyboard(page: Page, field, text: str):
    tab_to(page, field)
    page.keyboard.type(text)


def explore(page: Page, language: str, *titles: str):
    """Open the admin's page explorer and click down the `language` tree (the home pages
    of English, Russian and Uzbek sit side by side at its top) through `titles`."""
    page.goto("/admin/pages/")
    home = page.get_by_role("row").filter(has_text=language)
    home.get_by_role("link", name="Explore child pages of 'Cooperation Academy'").click()
    for title in ("Courses", *titles):
        page.get_by_role("link", name=f"Explore child pages of '{title}'").click()
