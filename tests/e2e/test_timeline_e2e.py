"""In a real chromium: log in, open the demo case and add a help card in place."""

import pytest
from django.core.management import call_command

from rondom.cases.models import Case
from rondom.demo.cases import PAPER_CASE

from .conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_add_help_card_and_see_it_in_the_help_row_at_the_right_age(page, live_server):
    call_command("demo")
    case = Case.objects.get(title=PAPER_CASE)
    child = case.children.get()
    log_in(page, live_server.url, "ib@rondom.test")

    page.get_by_role("link", name=PAPER_CASE).click()
    page.get_by_role("link", name="Tijdlijn openen").click()
    page.wait_for_selector(".tl-row--help")

    page.locator(".tl-row--help .tl-add").click()
    editor = page.locator("#editor")
    editor.get_by_label("Datum of periode").fill("herfst 2021")
    editor.get_by_label("Waar de hulp op gericht was").fill("Huiswerkbegeleiding in de buurt")
    editor.get_by_label("Door wie").fill("Buurthuis De Linde")
    editor.get_by_label("goed", exact=True).check()
    editor.get_by_label("Gebied", exact=True).select_option("learning")  # asked of new help
    editor.get_by_role("button", name="Opslaan").click()

    card = page.locator(".tl-row--help .tl-card", has_text="Huiswerkbegeleiding in de buurt")
    card.wait_for()
    assert card.get_by_role("img", name="waardering: goed").count() == 1
    # Autumn 2021: Yassin (born 3 October 2012) was 8 going on 9.
    eight = page.locator(".tl-age", has_text="8 jaar").bounding_box()
    nine = page.locator(".tl-age", has_text="9 jaar").bounding_box()
    box = card.bounding_box()
    assert eight["x"] <= box["x"] < nine["x"] + nine["width"]
    assert case.cards.filter(text="Huiswerkbegeleiding in de buurt", rating="good").exists()
    assert child.pk  # the card belongs to the child the timeline was opened for
    assert case.cards.get(text="Huiswerkbegeleiding in de buurt").child_id == child.pk


def test_invalid_date_shows_a_dutch_message_next_to_the_field(page, live_server):
    call_command("demo")
    log_in(page, live_server.url, "ib@rondom.test")
    page.get_by_role("link", name=PAPER_CASE).click()
    page.get_by_role("link", name="Tijdlijn openen").click()
    page.locator(".tl-row--life_event .tl-add").click()
    editor = page.locator("#editor")
    editor.get_by_label("Datum of periode").fill("31-02-2020")
    editor.locator("textarea").first.fill("Verhuizing")
    editor.get_by_role("button", name="Opslaan").click()
    error = editor.locator("#id_date_text_error")
    error.wait_for()
    assert "februari" in error.inner_text()
