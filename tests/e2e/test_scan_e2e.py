"""In chromium: a parent without an account fills in the parent version of the
samenwerkingsscan on a phone, by the personal link from her invitation, partly by touch and
one screen by keyboard alone. Her network's coordinator sees that nothing is shown while the
round is open and too few have answered, closes the round once the fifth has sent, and then
finds her answers counted in the results, without anything that points to one person."""

import re
from datetime import timedelta
from statistics import mean

import pytest
from django.utils import timezone
from django.utils.formats import number_format
from playwright.sync_api import expect

from rondom.scan.instruments import current_instrument
from rondom.scan.invitations import invite
from rondom.scan.models import Invitation, Level, Round, Sector
from rondom.scan.respondents import link_token
from rondom.scan.results import round_statements
from tests.conftest import TEST_TOTP_SECRET
from tests.scan.results_data import network_with_coordinator, respond

from .conftest import current_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
NARROWEST = 320
PARENT_EMAIL = "ouder.e2e@thuis.test"
REMARK = "Opmerking-e2e-7315: de juf belt altijd terug."
# What the other four parents answered to every statement: now, importance, act.
OTHERS = (4, 5, False)


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


@pytest.fixture
def desktop(browser, live_server, settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def coordinator_logs_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", "secret-pass-1")
    page.locator("form[action='/accounts/login/'] button[type=submit]").click()
    page.wait_for_url(f"{base_url}/accounts/2fa/authenticate/")
    page.fill("input[name=code]", current_code(TEST_TOTP_SECRET))
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url(f"{base_url}/cases/")


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def fits_the_narrowest_phone(page) -> bool:
    page.set_viewport_size({"width": NARROWEST, "height": PHONE["height"]})
    width = page_width(page)
    page.set_viewport_size(PHONE)
    return width <= NARROWEST


def shown(value: float) -> str:
    """A mean as the results print it in Dutch: one decimal, with a comma."""
    return number_format(round(value, 1), 1)


def saving(page):
    """Waits for the answer that a change sends to the server, so that no save is still
    under way when the next one starts or the page moves on."""
    return page.expect_response(lambda response: "/save/" in response.url)


def tap_answer(page, statement_pk: int, question: str, value: str) -> None:
    section = page.locator(f"#statement-{statement_pk}")
    option = section.get_by_role("group", name=question).locator(
        f"label.sc-option:has(input[value='{value}'])"
    )
    box = option.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44, (statement_pk, question, value, box)
    with saving(page):
        option.tap()
    expect(option.locator("input")).to_be_checked()


def focused(page) -> dict:
    return page.evaluate(
        "() => ({tag: document.activeElement.tagName.toLowerCase(),"
        " type: document.activeElement.type || '', name: document.activeElement.name || '',"
        " value: document.activeElement.value || ''})"
    )


def key(page, name: str, *, saves: bool = False) -> None:
    if saves:
        with saving(page):
            page.keyboard.press(name)
    else:
        page.keyboard.press(name)


def fact(page, term: str):
    """What a round's page says beside `term`."""
    return page.locator(f"dl.sc-facts dt:text-is('{term}') + dd")


def cell_texts(row) -> list[str]:
    return [text.strip() for text in row.locator("th, td").all_inner_texts()]


def test_a_parent_answers_on_a_phone_and_the_coordinator_sees_the_results(
    phone, desktop, live_server
):
    base = live_server.url
    network, coordinator = network_with_coordinator("Wijk Zuid", "coordinator@zuid.test")
    today = timezone.localdate()
    round = Round.objects.create(
        network=network,
        instrument=current_instrument(),
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=10),
        created_by=coordinator,
    )
    # Four other parents have sent their answers already; she will be the fifth.
    for _n in range(4):
        respond(round, Sector.PARENT, default=OTHERS)
    [invitation] = invite(round, [(PARENT_EMAIL, Sector.PARENT)], coordinator).made
    link = f"{base}/scan/link/{link_token(invitation.pk)}/"
    emails = list(Invitation.objects.filter(round=round).values_list("email", flat=True))
    assert len(emails) == 5 and PARENT_EMAIL in emails

    parents = [s for s in round_statements(round) if s.audience == "parent"]
    together = [s for s in parents if s.level == Level.PARENT_TOGETHER]
    child_help = [s for s in parents if s.level == Level.PARENT_HELP]
    assert len(together) == 4 and len(child_help) == 4
    # The numbers the results give the statements: the professionals' come first.
    number = {s.pk: n for n, s in enumerate(round_statements(round), start=1)}

    # -- The coordinator looks while the round is open and four have answered.
    coordinator_logs_in(desktop, base, coordinator.email)
    desktop.goto(f"{base}/networks/{network.pk}/scan/")
    desktop.get_by_role("link", name=round.label).click()
    desktop.wait_for_url(f"{base}/networks/{network.pk}/scan/{round.pk}/")
    expect(fact(desktop, "Uitgenodigd")).to_have_text("5")
    expect(fact(desktop, "Ingevuld")).to_have_text("4")
    desktop.get_by_role("link", name="Resultaten van deze ronde").click()
    desktop.wait_for_url(f"{base}/networks/{network.pk}/scan/{round.pk}/results/")
    notice = desktop.locator("p.sr-notice")
    expect(notice).to_contain_text("De resultaten komen zodra de ronde gesloten is")
    expect(notice).to_contain_text("Daarvoor moet nog 1 persoon antwoorden.")
    assert desktop.locator("svg.sr-chart").count() == 0
    assert desktop.locator("table.sr-table").count() == 0

    # -- The parent opens her link on the phone.
    phone.goto(link)
    phone.wait_for_url(f"{base}/scan/{round.pk}/step/1/")
    assert "/link/" not in phone.url  # the secret stays in the one address
    expect(phone.get_by_role("heading", level=2)).to_have_text("Stap 1 van 2: Samen met jou")
    expect(phone.locator("#sc-count")).to_contain_text("0 van 8 stellingen beantwoord")
    assert fits_the_narrowest_phone(phone)

    # The first screen by touch: three statements get 2, importance 3, and yes; the last
    # one she does not know, with importance 3 and yes, and a remark.
    for n, statement in enumerate(together, start=1):
        value = "dont_know" if statement == together[-1] else "2"
        tap_answer(phone, statement.pk, "Hoe gaat het nu?", value)
        expect(phone.locator("#sc-count")).to_contain_text(f"{n} van 8 stellingen beantwoord")
        tap_answer(phone, statement.pk, "Hoe belangrijk vind je dit?", "3")
        tap_answer(phone, statement.pk, "Moet hier iets aan gebeuren?", "yes")
    remark = phone.locator(f"#statement-{together[-1].pk} textarea")
    remark.tap()
    remark.fill(REMARK)
    with saving(phone):
        remark.blur()
    expect(phone.locator(f"#sc-saved-{together[-1].pk}")).to_have_text("Opgeslagen.")
    assert fits_the_narrowest_phone(phone)
    phone.get_by_role("button", name="Volgende", exact=True).tap()
    phone.wait_for_url(f"{base}/scan/{round.pk}/step/2/")
    expect(phone.get_by_role("heading", level=2)).to_have_text("Stap 2 van 2: De hulp voor je kind")
    expect(phone.locator("#sc-count")).to_contain_text("4 van 8 stellingen beantwoord")

    # The second screen by keyboard alone: Tab to each question, arrows to choose (now 3,
    # importance 4), Space for yes, Tab past the remark; then Space on the button.
    for _press in range(80):
        if focused(phone)["name"] == f"s{child_help[0].pk}-now":
            break
        key(phone, "Tab")
    for n, statement in enumerate(child_help, start=5):
        prefix = f"s{statement.pk}"
        assert focused(phone) == {"tag": "input", "type": "radio", "name": f"{prefix}-now",
                                  "value": "1"}  # fmt: skip
        key(phone, "ArrowRight", saves=True)
        key(phone, "ArrowRight", saves=True)
        expect(phone.locator(f"#{prefix}-now-3")).to_be_checked()
        expect(phone.locator("#sc-count")).to_contain_text(f"{n} van 8 stellingen beantwoord")
        key(phone, "Tab")
        assert focused(phone)["name"] == f"{prefix}-importance"
        for _step in range(3):
            key(phone, "ArrowRight", saves=True)
        expect(phone.locator(f"#{prefix}-importance-4")).to_be_checked()
        key(phone, "Tab")
        assert focused(phone) == {"tag": "input", "type": "radio", "name": f"{prefix}-act",
                                  "value": "yes"}  # fmt: skip
        key(phone, "Space", saves=True)
        expect(phone.locator(f"#{prefix}-act-yes")).to_be_checked()
        key(phone, "Tab")
        assert focused(phone)["tag"] == "textarea"
        key(phone, "Tab")
    assert focused(phone)["tag"] == "button"
    key(phone, "Space")
    phone.wait_for_url(f"{base}/scan/{round.pk}/step/3/")

    # Check and send.
    expect(phone.get_by_role("heading", level=2)).to_have_text(
        "Laatste stap: controleren en versturen"
    )
    expect(phone.locator("#sc-count")).to_contain_text("8 van 8 stellingen beantwoord")
    expect(phone.locator(".sc-summary__open")).to_have_count(0)
    assert fits_the_narrowest_phone(phone)
    phone.get_by_role("button", name="Versturen").tap()
    phone.wait_for_url(f"{base}/scan/{round.pk}/")
    expect(phone.locator(".sc-answer [role=status]")).to_have_text(
        "Je hebt de scan ingevuld. Dank je wel!"
    )

    # Her link again: her answers, to read only.
    phone.goto(link)
    phone.wait_for_url(f"{base}/scan/{round.pk}/")
    expect(phone.get_by_role("heading", name="Je antwoorden")).to_be_visible()
    controls = phone.locator("main :is(input:not([type=hidden]), textarea, select, button)")
    expect(controls).to_have_count(0)
    items = phone.locator(".sc-summary__item")
    expect(items).to_have_count(8)
    expect(items.nth(0).locator("dd")).to_have_text(["2", "3", "ja"])
    expect(items.nth(3).locator("dd")).to_have_text(["weet ik niet", "3", "ja", REMARK])
    expect(items.nth(7).locator("dd")).to_have_text(["3", "4", "ja"])
    assert fits_the_narrowest_phone(phone)

    # -- The coordinator: five have answered, but the round is open, so still nothing shows.
    desktop.goto(f"{base}/networks/{network.pk}/scan/{round.pk}/")
    expect(fact(desktop, "Ingevuld")).to_have_text("5")
    desktop.get_by_role("link", name="Resultaten van deze ronde").click()
    desktop.wait_for_url(f"{base}/networks/{network.pk}/scan/{round.pk}/results/")
    expect(desktop.locator("p.sr-notice")).to_contain_text("zodra de ronde gesloten is")
    expect(desktop.locator("p.sr-notice")).not_to_contain_text("moet nog")
    assert REMARK not in desktop.content()

    # She closes the round, after the question.
    desktop.goto(f"{base}/networks/{network.pk}/scan/{round.pk}/")
    desktop.get_by_role("link", name="Ronde nu sluiten").click()
    expect(desktop.get_by_role("heading", level=1)).to_have_text("Ronde nu sluiten?")
    desktop.get_by_role("button", name="Ja, sluit de ronde").click()
    desktop.wait_for_url(f"{base}/networks/{network.pk}/scan/{round.pk}/results/")
    round.refresh_from_db()
    assert round.has_closed()

    # Who answered: five parents, and no professionals at all.
    who = desktop.locator("table.sr-who")
    expect(who.locator("tr")).to_have_count(2)
    assert cell_texts(who.locator("tr").nth(0)) == ["Ouder", "5"]
    assert cell_texts(who.locator("tr").nth(1)) == ["Alle ouders", "5"]
    expect(desktop.locator("p.sr-notice")).to_have_count(0)

    # The figures per statement, worked out from the answers: the four others' and hers.
    mine_together = mean([OTHERS[0]] * 4 + [2])
    mine_help = mean([OTHERS[0]] * 4 + [3])
    importance_together = mean([OTHERS[1]] * 4 + [3])
    importance_help = mean([OTHERS[1]] * 4 + [4])
    expected = {}
    for statement in together[:-1]:
        expected[statement.pk] = [shown(mine_together), "0%", shown(importance_together),
                                  "20%", "5"]  # fmt: skip
    # Where she did not know, four scores remain: too few for an average.
    expected[together[-1].pk] = ["–", "20%", shown(importance_together), "20%", "5"]
    for statement in child_help:
        expected[statement.pk] = [shown(mine_help), "0%", shown(importance_help), "20%", "5"]
    assert expected[together[0].pk][0] == "3,6" and expected[child_help[0].pk][0] == "3,8"
    for statement in parents:
        row = desktop.locator(f"#sr-statement-{number[statement.pk]}")
        cells = cell_texts(row)
        assert cells[0] == f"{number[statement.pk]}. {statement.shown_text}"
        assert cells[1:6] == expected[statement.pk], statement.code

    # Per level: "don't know" leaves the mean of now, so 3 times 2, and 16 times 4.
    level_now = (3 * 2 + 4 * 4 * OTHERS[0]) / 19
    together_sum = desktop.locator(".sr-level", has=desktop.locator("#sr-level-parent_together"))
    expect(together_sum.locator(".sr-level-sum")).to_have_text(
        f"Nu {shown(level_now)} · belang {shown(importance_together)} · wil aan de slag 20%"
    )
    # Only the statement she did not know about would stand at 4.0 or more, and it has no
    # average: no strengths.
    strengths = desktop.locator("section[aria-labelledby=sr-strengths] ol.sr-list li")
    expect(strengths).to_have_count(0)

    # The charts are drawings with a name, each with its table folded out below it.
    figures = desktop.locator("figure.sr-figure")
    # The grid, and the radar of each level; two levels are too few axes for a radar.
    expect(figures).to_have_count(3)
    for n in range(figures.count()):
        figure = figures.nth(n)
        svg = figure.locator("svg.sr-chart")
        expect(svg).to_have_attribute("role", "img")
        assert svg.locator("title").text_content().strip()
        details = figure.locator("xpath=following-sibling::details[1]")
        details.locator("summary").click()
        expect(details.locator("table")).to_be_visible()
    grid = desktop.locator("table", has_text="Belang en nu per stelling")
    expect(grid.locator("tbody tr")).to_have_count(8)
    first = grid.locator("tbody tr", has_text=together[0].shown_text)
    assert cell_texts(first)[1:3] == [shown(mine_together), shown(importance_together)]
    radar = desktop.locator("table", has_text="Hoe het nu gaat: De hulp voor je kind")
    expect(radar.locator("tbody tr")).to_have_count(4)
    assert cell_texts(radar.locator("tbody tr").nth(0)) == [str(number[child_help[0].pk]),
                                                            shown(mine_help)]  # fmt: skip

    # Nothing on the page points to one person: no address, and her remark only among the
    # remarks, without anything beside it but the sector.
    page = desktop.content()
    for email in emails:
        assert email not in page
    assert not re.search(r"[\w.+-]+@[\w-]+\.test", desktop.locator("main").inner_text())
    assert page.count("Opmerking-e2e-7315") == 1
    remarks = desktop.locator(".sr-remark-list li")
    expect(remarks).to_have_count(1)
    expect(remarks).to_have_text(f"{number[together[-1].pk]}. {REMARK} (ouder)")

    # And her link no longer opens the scan.
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_have_text("De scan is gesloten")
