"""In chromium: the case manager passes a policy card on to the network, is warned of the
child's name in it and takes it out; the coordinator finds the signal, puts it under a new
theme and answers the theme; the case manager then reads the answer on the card."""

import re

import pytest
from django.core.management import call_command

from rondom.cases.models import Case
from rondom.demo.cases import PAPER_CASE
from rondom.monitor.models import Signal
from rondom.networks.models import Network
from rondom.timeline.card_changes import apply_date, create_card
from rondom.timeline.kinds import CardKind
from rondom.timeline.models import Card

from .conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CARD_TEXT = "Yassin wacht al negen maanden op jeugd-GGZ; de wachtlijst is te lang"
SENT = "Een kind wacht al negen maanden op jeugd-GGZ; de wachtlijst is te lang"
THEME = "Wachttijden specialistische hulp"
ANSWER = "De gemeente koopt vanaf maart extra plekken in bij twee aanbieders."


def policy_card(case: Case) -> Card:
    """The bottleneck as the case manager wrote it down, with the child's name in it."""
    child = case.children.get()
    manager = case.participants.get(is_case_manager=True)
    card = Card(case=case, child=child, kind=CardKind.POLICY, author=manager,
                date_text="2024", text=CARD_TEXT)  # fmt: skip
    apply_date(card, case, child)
    return create_card(card, manager.user)


def test_a_signal_goes_up_and_the_answer_comes_back_to_the_card(page, browser, live_server):
    call_command("demo")
    case = Case.objects.get(title=PAPER_CASE)
    card = policy_card(case)
    base = live_server.url
    timeline = f"{base}/cases/{case.pk}/children/{card.child_id}/timeline/"

    # The case manager opens the card and chooses to pass it on.
    log_in(page, base, "ib@rondom.test")
    page.goto(timeline)
    page.locator(f"#card-{card.pk} .tl-card__edit").click()
    page.locator("#editor").get_by_role("link", name="Doorzetten naar het netwerk").click()
    page.wait_for_url(re.compile(rf".*/cards/{card.pk}/signal/$"))
    warning = page.locator("#signal-warning")
    warning.wait_for()
    assert "Yassin" in warning.inner_text()
    assert "Wijk Centrum" in page.locator("main").inner_text()

    # She types the text anew, without the name, and confirms.
    text = page.get_by_label("Tekst voor het netwerk")
    text.click()
    text.press("Control+A")
    text.press("Delete")
    text.type(SENT)
    page.get_by_role("button", name="Doorzetten naar het netwerk").click()
    page.wait_for_url(timeline)
    on_card = page.locator(f"#card-{card.pk}")
    on_card.get_by_text("Doorgezet naar het netwerk").wait_for()
    signal = Signal.objects.get(text=SENT)
    assert signal.network == Network.objects.get(name="Wijk Centrum")

    # The coordinator finds it, makes a theme, puts the signal under it and answers.
    coordinator = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    other = coordinator.new_page()
    other.set_default_timeout(10_000)
    log_in(other, base, "coordinator@rondom.test")
    other.goto(f"{base}/networks/{signal.network_id}/")
    other.get_by_role("link", name="Signalen en thema's van het netwerk").click()
    other.get_by_text(SENT).first.wait_for()
    assert "Yassin" not in other.content() and PAPER_CASE not in other.content()
    other.get_by_label("Nieuw thema").fill(THEME)
    other.get_by_role("button", name="Thema toevoegen").click()
    other.get_by_text(f"Het thema {THEME} staat klaar.").wait_for()
    other.get_by_role("checkbox", name=f"Kiezen: {SENT[:59]}").check()
    other.get_by_label("Zet de gekozen signalen onder").select_option(label=THEME)
    other.get_by_role("button", name="Gekozen signalen verplaatsen").click()
    other.get_by_text(f"1 signaal verplaatst naar het thema {THEME}.").wait_for()
    other.get_by_role("link", name=THEME).first.click()
    other.get_by_role("heading", name=f"Thema: {THEME}").wait_for()
    other.get_by_label("Antwoord aan de casussen").fill(ANSWER)
    other.get_by_role("button", name="Antwoord versturen").click()
    other.get_by_text("Het antwoord is opgeslagen").wait_for()
    coordinator.close()

    # Back in the case, the answer is a note on the card.
    page.reload()
    note = page.locator(f"#card-{card.pk} .tl-card__note", has_text=ANSWER)
    note.wait_for()
    assert f"Antwoord van het netwerk (thema {THEME})" in note.inner_text()
