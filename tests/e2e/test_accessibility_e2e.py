"""axe-core checks every main page against WCAG 2.1 A and AA, on a classroom screen and on a
phone. axe-core is vendored in `vendor/axe-core/` for these tests only; the app never loads
it."""

from pathlib import Path

import pytest
from django.core.management import call_command

from .main_pages import PARENTS, ROLES, MainPage, log_in_as, logged_out_pages, pages_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1920, "height": 1080}, "phone": {"width": 390, "height": 844}}
RUN_AXE = """async () => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
  });
  return results.violations.map(violation => ({
    id: violation.id,
    impact: violation.impact,
    targets: violation.nodes.map(node => node.target.join(" ")),
  }));
}"""


def pages_per_role() -> list[tuple[str | None, list[MainPage]]]:
    """Every main page once: a page that an earlier role of the same kind (parent or
    professional) already showed is not checked again, and a role left without pages is not
    logged in at all."""
    walk: list[tuple[str | None, list[MainPage]]] = [(None, logged_out_pages())]
    checked: set[tuple[bool, str]] = set()
    for email in ROLES:
        is_parent = email in PARENTS
        new = [page for page in pages_for(email) if (is_parent, page.name) not in checked]
        checked.update((is_parent, page.name) for page in new)
        if new:
            walk.append((email, new))
    return walk


def test_every_main_page_passes_axe_on_a_desktop_and_on_a_phone(browser, live_server, settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    call_command("demo")
    violations: list[str] = []
    checked = 0
    for email, pages in pages_per_role():
        who = email or "not logged in"
        # The page's Content-Security-Policy allows only the site's own scripts; the test
        # adds axe-core beside them.
        context = browser.new_context(
            viewport=VIEWPORTS["desktop"], locale="nl-NL", bypass_csp=True
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        if email is not None:
            log_in_as(page, live_server.url, email)
        for screen, viewport in VIEWPORTS.items():
            page.set_viewport_size(viewport)
            for main_page in pages:
                response = page.goto(f"{live_server.url}{main_page.path}")
                assert response.status == 200, f"{main_page.name} ({who}): {response.status}"
                if screen == "phone":
                    # The menu folds away on a phone; open it so that it is checked as well.
                    page.evaluate(
                        "() => document.querySelectorAll('.rondom-menu-button')"
                        ".forEach(button => button.click())"
                    )
                page.add_script_tag(path=str(AXE))
                for found in page.evaluate(RUN_AXE):
                    violations.append(
                        f"{main_page.name} ({who}, {main_page.path}, {screen}): "
                        f"{found['id']} ({found['impact']}) at {', '.join(found['targets'])}"
                    )
                checked += 1
        context.close()
    assert not violations, "\n".join(violations)
    assert checked > 100
