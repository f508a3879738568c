"""In chromium on a phone: a parent says how satisfied she is with the help, with two reasons,
in a handful of taps, and the answer shows in the case."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from rondom.cases.models import Case
from rondom.demo.cases import PAPER_CASE
from rondom.help.models import HelpSatisfaction

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A common phone: 390 by 844 CSS pixels.
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server, settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(
        viewport=PHONE, locale="nl-NL", has_touch=True, is_mobile=True, device_scale_factor=2
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def log_in_with_a_code(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/code/")
    page.get_by_label("E-mail").fill(email)
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/accounts/login/code/confirm/"))
    code = re.search(r"^\s*([A-Z0-9-]{6,12})\s*$", mail.outbox[-1].body, re.M).group(1)
    page.locator("input[name=code]").fill(code)
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url(f"{base_url}/cases/")


def test_a_parent_gives_satisfaction_on_a_phone(phone, live_server):
    call_command("demo")
    case = Case.objects.get(title=PAPER_CASE)
    log_in_with_a_code(phone, live_server.url, "moeder@rondom.test")
    phone.goto(f"{live_server.url}/cases/{case.pk}/")

    taps = 0

    def tap(locator) -> None:
        nonlocal taps
        box = locator.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, (locator, box)
        locator.tap()
        taps += 1

    tap(phone.get_by_role("link", name="Hoe tevreden ben je over de hulp?"))
    phone.wait_for_url(re.compile(r".*/satisfaction/answer/$"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    tap(phone.locator("label.sf-face", has_text="deels tevreden"))
    tap(phone.locator("label.sf-reason", has_text="De hulp past bij wat het kind nodig heeft"))
    tap(phone.locator("label.sf-reason", has_text="Het duurt lang voordat hulp begint"))
    tap(phone.get_by_role("button", name="Opslaan"))
    phone.wait_for_url(re.compile(rf".*/cases/{case.pk}/#satisfaction$"))
    assert taps <= 5

    answer = HelpSatisfaction.objects.get(participant__user__email="moeder@rondom.test")
    assert answer.satisfaction == "partly"
    assert sorted(r.reason for r in answer.reasons.all()) == ["help_fits", "waiting"]
    section = phone.locator("#satisfaction")
    mine = section.locator("li.sf-answer", has_text="Samira")
    assert "deels tevreden" in mine.inner_text()
    assert "De hulp past bij wat het kind nodig heeft" in mine.inner_text()
    assert "Het duurt lang voordat hulp begint" in mine.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
