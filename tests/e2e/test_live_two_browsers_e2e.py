"""Two people at one meeting, each on their own device, in two chromium contexts."""

import re
import time

import pytest
from django.core.management import call_command

from rondom.cases.models import Case
from rondom.demo.cases import PAPER_CASE
from rondom.live.hub import hub

from .conftest import log_in, parent_log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_people(browser, asgi_server):
    call_command("demo")
    contexts = [
        browser.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
        for _ in range(2)
    ]
    ib, mother = (context.new_page() for context in contexts)
    for page in (ib, mother):
        page.set_default_timeout(10_000)
    log_in(ib, asgi_server, "ib@rondom.test")
    parent_log_in(mother, asgi_server)
    case = Case.objects.get(title=PAPER_CASE)
    url = f"{asgi_server}/cases/{case.pk}/children/{case.children.get().pk}/timeline/"
    for page in (ib, mother):
        page.goto(url)
        page.wait_for_selector(".tl-row--help")
    # Both pages have opened their event stream before anyone acts.
    deadline = time.monotonic() + 10
    while hub.subscriber_count(case.pk) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert hub.subscriber_count(case.pk) >= 2
    yield ib, mother
    for context in contexts:
        context.close()


def test_a_new_card_appears_on_the_other_screen_without_reloading(two_people):
    ib, mother = two_people
    ib.evaluate("window.__same_page = true")
    mother.locator(".tl-row--life_event .tl-add").click()
    editor = mother.locator("#editor")
    editor.get_by_label("Datum of periode").fill("zomer 2024")
    editor.locator("textarea").first.fill("Naar de middelbare school")
    editor.get_by_role("button", name="Opslaan").click()
    ib.locator(".tl-row--life_event .tl-card", has_text="Naar de middelbare school").wait_for(
        timeout=2_000
    )
    assert ib.evaluate("window.__same_page") is True  # updated in place, not reloaded


def test_the_second_save_of_the_same_card_is_refused_and_shows_the_other_text(two_people):
    ib, mother = two_people
    card = lambda page: page.locator(".tl-card", has_text="Broertje geboren")  # noqa: E731
    for page in (ib, mother):
        card(page).get_by_role("link", name=re.compile("Wijzigen")).click()
        page.locator("#editor textarea").first.wait_for()
    mother.locator("#editor textarea").first.fill("Broertje Adam geboren")
    mother.locator("#editor").get_by_role("button", name="Opslaan").click()
    mother.locator("#editor textarea").wait_for(state="detached")
    ib.locator("#editor textarea").first.fill("Broer geboren, thuis erg druk")
    ib.locator("#editor").get_by_role("button", name="Opslaan").click()
    conflict = ib.locator(".tl-conflict")
    conflict.wait_for()
    assert "Broertje Adam geboren" in conflict.inner_text()
    assert ib.locator("#editor textarea").first.input_value() == "Broer geboren, thuis erg druk"
