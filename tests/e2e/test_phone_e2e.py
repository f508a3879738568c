"""On a phone 320 px wide, every main page of every demo role fits the screen without
scrolling sideways (WCAG 1.4.10, reflow), and everything one can tap is at least 24 by 24 px
(WCAG 2.5.8, target size). Every page says it is Dutch, and the narrow boxes (cards, table
cells, headings) ask for hyphens, so that a phone breaks a long Dutch word at a hyphen."""

from collections import Counter

import pytest
from django.core.management import call_command

from .main_pages import ROLES, log_in_as, logged_out_pages, pages_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 720}
MIN_TARGET = 24

# Opens what a person can open on the page (the menu, folded sections), so that what hides
# there is measured too.
OPEN_EVERYTHING = """() => {
  for (const button of document.querySelectorAll(".rondom-menu-button")) {
    button.setAttribute("aria-expanded", "true");
  }
  for (const details of document.querySelectorAll("details")) { details.open = true; }
}"""

# Every visible control of Rondom's own page (the site admin has its own look), its kind and
# its size.
TARGETS = r"""() => {
  const controls = "a[href], button, input:not([type=hidden]), select, textarea, summary";
  const found = document.querySelectorAll(
    `:is(.rondom-header, .rondom-main, .rondom-footer) :is(${controls})`);
  return Array.from(found).flatMap(control => {
    const box = control.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= 0) return [];
    const text = control.innerText || control.value || control.name || "";
    return [{kind: control.type || control.tagName.toLowerCase(),
             text: text.replace(/\s+/g, " ").trim().slice(0, 40),
             width: box.width, height: box.height}];
  });
}"""


# The boxes on the page that should hyphenate, and those that do not.
NOT_HYPHENATED = """() => {
  const boxes = document.querySelectorAll(
    ".tl-card, .tl-bar, .tl-group, .rondom-table td, .rondom-main h1, .rondom-main h2");
  return [boxes.length, Array.from(boxes)
    .filter(box => getComputedStyle(box).hyphens !== "auto")
    .map(box => `${box.tagName.toLowerCase()}.${box.className}`)];
}"""


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def problems_on(page, where: str, seen: Counter) -> list[str]:
    problems = []
    language = page.evaluate("document.documentElement.lang")
    if language != "nl":
        problems.append(f"{where}: the page's language is “{language}”")
    boxes, not_hyphenated = page.evaluate(NOT_HYPHENATED)
    seen["boxes that hyphenate"] += boxes - len(not_hyphenated)
    problems.extend(f"{where}: {box} does not hyphenate" for box in not_hyphenated[:3])
    width = page_width(page)
    if width > PHONE["width"]:
        problems.append(f"{where}: {width} px wide")
    else:
        page.evaluate(OPEN_EVERYTHING)
        width = page_width(page)
        if width > PHONE["width"]:
            problems.append(f"{where}, with the menu and folded parts open: {width} px wide")
    for target in page.evaluate(TARGETS):
        seen[target["kind"]] += 1
        if target["width"] < MIN_TARGET or target["height"] < MIN_TARGET:
            problems.append(
                f"{where}: {target['kind']} “{target['text']}” is "
                f"{target['width']:.0f}×{target['height']:.0f} px"
            )
    return problems


def test_every_main_page_fits_a_320_px_phone_in_dutch_with_targets_of_24_px(
    browser, live_server, settings
):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    call_command("demo")
    problems: list[str] = []
    seen: Counter = Counter()
    visited = 0
    for email in (None, *ROLES):
        who = email or "not logged in"
        context = browser.new_context(viewport=PHONE, locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(10_000)

        def on_the_way(name: str, page=page, who=who) -> None:
            problems.extend(problems_on(page, f"{name} ({who})", seen))

        if email is None:
            pages = logged_out_pages()
        else:
            log_in_as(page, live_server.url, email, on_the_way)
            pages = pages_for(email)
        for main_page in pages:
            where = f"{main_page.name} ({who}, {main_page.path})"
            response = page.goto(f"{live_server.url}{main_page.path}")
            if response.status != 200:
                problems.append(f"{where}: answered {response.status}")
                continue
            problems.extend(problems_on(page, where, seen))
            visited += 1
        context.close()
    assert not problems, "\n".join(problems)
    # The walk reached the pages with forms: it measured checkboxes, radios and buttons.
    assert {"checkbox", "radio", "submit", "select-one"} <= seen.keys()
    assert seen["boxes that hyphenate"] > 100
    assert visited > 100
