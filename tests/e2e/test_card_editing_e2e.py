"""In chromium: *Wijzigen* only where it works, refusals said out loud, and after saving a
card the page says so and keeps the focus on that card."""

import pytest
from django.core.management import call_command

from rondom.cases.models import Case
from rondom.demo.cases import PAPER_CASE

from .conftest import log_in, parent_log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Functions, not expressions: the page's Content-Security-Policy forbids evaluating strings.
FOCUS_IN = "id => !!(document.activeElement && document.activeElement.closest('#' + id))"
FOCUSED_CARD = "() => document.activeElement.closest('article.tl-card').id"
SETTLED = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"


def open_timeline(page, base: str) -> Case:
    case = Case.objects.get(title=PAPER_CASE)
    page.goto(f"{base}/cases/{case.pk}/children/{case.children.get().pk}/timeline/")
    page.wait_for_selector(".tl-row--help")
    return case


def test_the_mother_is_offered_only_her_own_cards_and_told_why_a_change_is_refused(
    page, live_server
):
    call_command("demo")
    parent_log_in(page, live_server.url)
    case = open_timeline(page, live_server.url)
    mother = case.participants.get(user__email="moeder@rondom.test")
    school_card = case.cards.filter(author__is_case_manager=True, is_draft=False).first()
    own_card = case.cards.filter(author=mother).first()
    assert page.locator(f"#card-{school_card.pk} .tl-card__edit").count() == 0
    assert page.locator(f"#card-{own_card.pk} .tl-card__edit").count() == 1

    # A request the server refuses (an old link, a changed role) says why instead of nothing.
    edit_url = f"/cases/{case.pk}/cards/{school_card.pk}/edit/"
    page.evaluate("url => htmx.ajax('GET', url, {target: '#editor'})", edit_url)
    alert = page.locator("#rondom-alert")
    alert.get_by_text("Dit mag je niet doen").wait_for()
    assert alert.get_attribute("role") == "alert"
    assert page.locator("#editor").inner_html().strip() == ""
    alert.get_by_role("button", name="Melding sluiten").click()
    assert alert.inner_text().strip() == ""


def test_after_saving_a_card_the_page_says_so_and_the_focus_stays_on_that_card(page, live_server):
    call_command("demo")
    log_in(page, live_server.url, "ib@rondom.test")
    case = open_timeline(page, live_server.url)
    card = case.cards.filter(kind="help", is_draft=False).first()

    page.locator(f"#card-{card.pk} .tl-card__edit").click()
    editor = page.locator("#editor")
    editor.locator("textarea").first.fill("Huiswerkklas, twee middagen per week")
    editor.get_by_role("button", name="Opslaan").click()

    page.locator("#rondom-status").get_by_text("Kaartje opgeslagen.").wait_for()
    page.wait_for_function(FOCUS_IN, arg=f"card-{card.pk}")
    assert page.evaluate("document.activeElement.className") == "tl-card__edit"
    assert page.locator("#editor").inner_html().strip() == ""

    # When the timeline is drawn again (someone else changed a card), the focus stays too.
    # htmx wires up a swapped-in timeline only once it has settled; an event before that
    # would find nobody listening.
    page.wait_for_function(SETTLED)
    page.evaluate("document.getElementById('timeline').dataset.old = '1'")
    page.evaluate("document.body.dispatchEvent(new Event('timeline-changed'))")
    page.wait_for_function("() => !document.getElementById('timeline').dataset.old")
    assert page.evaluate(FOCUSED_CARD) == f"card-{card.pk}"


def test_after_adding_a_card_the_focus_is_on_the_new_card(page, live_server):
    call_command("demo")
    log_in(page, live_server.url, "ib@rondom.test")
    case = open_timeline(page, live_server.url)
    page.locator(".tl-row--life_event .tl-add").click()
    editor = page.locator("#editor")
    editor.get_by_label("Datum of periode").fill("zomer 2019")
    editor.locator("textarea").first.fill("Op vakantie in Marokko")
    editor.get_by_role("button", name="Opslaan").click()

    page.locator("#rondom-status").get_by_text("Kaartje opgeslagen.").wait_for()
    new = case.cards.get(text="Op vakantie in Marokko")
    page.wait_for_function(FOCUS_IN, arg=f"card-{new.pk}")


def test_cancelling_returns_the_focus_to_the_add_button(page, live_server):
    call_command("demo")
    log_in(page, live_server.url, "ib@rondom.test")
    open_timeline(page, live_server.url)
    page.locator(".tl-row--life_event .tl-add").click()
    page.locator("#editor textarea").first.wait_for()
    page.locator("#editor").get_by_role("link", name="Annuleren").click()
    page.wait_for_function(
        "() => !!document.activeElement && document.activeElement.matches("
        "'.tl-row--life_event .tl-add')"
    )


def test_the_editor_shows_the_faces_as_large_choices_and_the_rest_behind_more(page, live_server):
    call_command("demo")
    log_in(page, live_server.url, "ib@rondom.test")
    open_timeline(page, live_server.url)
    page.locator(".tl-row--help .tl-add").click()
    editor = page.locator("#editor")
    faces = editor.locator(".tl-face")
    faces.first.wait_for()
    assert faces.count() == 3
    for index in range(3):
        box = faces.nth(index).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
    faces.filter(has_text="niet goed").click()  # anywhere on the face, not only the dot
    assert editor.get_by_label("niet goed", exact=True).is_checked()
    # A help card asks its domain at once; who filled it in waits behind Meer.
    assert editor.get_by_label("Gebied").first.is_visible()
    more = editor.locator("details.tl-more")
    assert not more.evaluate("details => details.open")
    assert not editor.get_by_label("Ingevuld door").is_visible()
    more.locator("summary").click()
    assert editor.get_by_label("Ingevuld door").is_visible()
