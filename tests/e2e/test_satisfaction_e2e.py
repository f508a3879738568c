"""In chromium on a phone: a parent says how satisfied she is with the help, with two reasons,
in a handful of taps, and the answer shows in the case; the network's coordinator then finds
it counted in the figures."""

import re

import pytest
from django.core.management import call_command

from rondom.cases.models import Case
from rondom.demo.accounts import DEMO_NETWORK
from rondom.demo.cases import PAPER_CASE
from rondom.help.models import HelpSatisfaction
from rondom.networks.models import Network

from .conftest import log_in, parent_log_in

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


def test_a_parent_gives_satisfaction_on_a_phone(phone, live_server):
    call_command("demo")
    case = Case.objects.get(title=PAPER_CASE)
    parent_log_in(phone, live_server.url, "moeder@rondom.test")
    phone.goto(f"{live_server.url}/cases/{case.pk}/")

    # The demo may hold earlier answers of hers; this one comes on top.
    before = HelpSatisfaction.objects.filter(participant__user__email="moeder@rondom.test").count()
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

    mine = HelpSatisfaction.objects.filter(participant__user__email="moeder@rondom.test")
    assert mine.count() == before + 1
    answer = mine.order_by("-given_at", "-pk").first()
    assert answer.satisfaction == "partly"
    assert sorted(r.reason for r in answer.reasons.all()) == ["help_fits", "waiting"]
    section = phone.locator("#satisfaction")
    shown = section.locator("li.sf-answer", has_text="Samira")
    assert "deels tevreden" in shown.inner_text()
    assert "De hulp past bij wat het kind nodig heeft" in shown.inner_text()
    assert "Het duurt lang voordat hulp begint" in shown.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def parents_satisfied(page, base_url: str, network_id: int) -> int:
    """The parents who are satisfied, as the network's report shows it (a number of 10 or more
    in the demo, so it is shown)."""
    page.goto(f"{base_url}/networks/{network_id}/insight/")
    table = page.locator("table", has=page.locator("caption", has_text="Antwoorden per partij"))
    row = table.locator("tbody tr", has=page.locator("th", has_text="Ouders"))
    return int(row.locator("td").first.locator("[data-figure]").first.inner_text())


def test_the_coordinator_finds_a_parents_answer_counted(phone, page, live_server):
    call_command("demo")
    network = Network.objects.get(name=DEMO_NETWORK)
    # The mother's case is named; it counts because she said yes to figures in the demo.
    case = Case.objects.get(title=PAPER_CASE)
    assert case.figures_consents.filter(withdrawn_at__isnull=True).exists()
    log_in(page, live_server.url, "coordinator@rondom.test")
    before = parents_satisfied(page, live_server.url, network.pk)

    # In the demo she was partly satisfied; now she is satisfied.
    parent_log_in(phone, live_server.url, "moeder@rondom.test")
    phone.goto(f"{live_server.url}/cases/{case.pk}/satisfaction/answer/")
    phone.locator("label.sf-face", has_text="tevreden").filter(has_not_text="deels").filter(
        has_not_text="niet"
    ).tap()
    phone.get_by_role("button", name="Opslaan").tap()
    phone.wait_for_url(re.compile(rf".*/cases/{case.pk}/#satisfaction$"))

    assert parents_satisfied(page, live_server.url, network.pk) == before + 1
    assert PAPER_CASE not in page.content() and "Samira" not in page.content()
