"""The meeting page in chromium: one step open at a time, with and without script, notes that
save while typing, asking before closing, and a phone's width."""

import re
import time

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from rondom.cases.models import Case
from rondom.demo.cases import PAPER_CASE
from rondom.meetings.models import Meeting, StepNote

from .conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def wait_for(check, seconds: float = 10) -> None:
    """Until `check()` holds, polling; the browser saves on its own schedule."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.1)


@pytest.fixture
def meeting_page(page, live_server):
    call_command("demo")
    meeting = Meeting.objects.get(case=Case.objects.get(title=PAPER_CASE))
    log_in(page, live_server.url, "ib@rondom.test")
    address = f"{live_server.url}/cases/{meeting.case_id}/meetings/{meeting.pk}/"
    page.goto(address)
    return page, meeting, address


def step(page, number: int):
    return page.locator(f"details.mt-step[data-step='{number}']")


def note_text(meeting: Meeting, number: int) -> str:
    return StepNote.objects.get(meeting=meeting, step=number).text


def test_one_step_at_a_time_and_notes_that_save_while_typing(meeting_page):
    page, meeting, address = meeting_page
    expect(page.locator("details.mt-step[open]")).to_have_count(1)
    expect(step(page, 1)).to_have_attribute("open", "")

    step(page, 3).locator("summary").click()
    expect(step(page, 3)).to_have_attribute("open", "")
    expect(page.locator("details.mt-step[open]")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"[?&]step=3\b"))  # a reload opens the same step
    assert page.locator(".mt-page__timeline .tl-card").count() > 0

    field = step(page, 3).locator("textarea")
    status = step(page, 3).locator(".mt-note__status")
    field.fill("")
    field.press_sequentially("De training hielp", delay=20)
    expect(status).to_have_text("Opgeslagen")
    wait_for(lambda: note_text(meeting, 3) == "De training hielp")

    # The next save builds on the version the first one got back, so it is not refused.
    field.press_sequentially(", de opvoedondersteuning kwam laat", delay=20)
    expected = "De training hielp, de opvoedondersteuning kwam laat"
    wait_for(lambda: note_text(meeting, 3) == expected)
    stored = StepNote.objects.get(meeting=meeting, step=3)
    expect(step(page, 3).locator("input[name='step3-version']")).to_have_value(str(stored.version))
    expect(step(page, 3).locator(".mt-conflict")).to_have_count(0)

    # Someone else saves meanwhile: their text shows beside this one, nothing is overwritten.
    stored.text = "Moeder: de training was te kort"
    stored.save_if_current()
    field.press_sequentially(".", delay=20)
    conflict = step(page, 3).locator(".mt-conflict")
    expect(conflict).to_contain_text("Moeder: de training was te kort")
    assert field.input_value() == expected + "."
    time.sleep(1.5)  # more than the pause before a save: typing no longer saves over theirs
    field.press_sequentially(" Nog iets", delay=20)
    time.sleep(1.5)
    assert note_text(meeting, 3) == "Moeder: de training was te kort"

    # The save button replaces their text, knowingly.
    step(page, 3).get_by_role("button", name="Aantekeningen opslaan").click()
    wait_for(lambda: note_text(meeting, 3) == expected + ". Nog iets")
    expect(conflict).to_have_count(0)
    expect(status).to_have_text("Opgeslagen")

    # A link to a part of a step, as from "Mijn afspraken", opens that step.
    page.goto(address + "#agreements")
    expect(step(page, 5)).to_have_attribute("open", "")
    expect(page.locator("details.mt-step[open]")).to_have_count(1)


def test_without_script_the_steps_still_open_one_at_a_time_and_save(meeting_page, browser):
    page, meeting, address = meeting_page
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="nl-NL",
        java_script_enabled=False,
        storage_state=page.context.storage_state(),
    )
    plain = context.new_page()
    plain.set_default_timeout(10_000)
    plain.goto(address)
    step(plain, 2).locator("summary").click()
    expect(step(plain, 2)).to_have_attribute("open", "")
    expect(plain.locator("details.mt-step[open]")).to_have_count(1)

    step(plain, 2).locator("textarea").fill("Zonder script opgeslagen")
    step(plain, 2).get_by_role("button", name="Aantekeningen opslaan").click()
    plain.wait_for_url("**/?step=2#step-2")
    expect(step(plain, 2)).to_have_attribute("open", "")
    assert note_text(meeting, 2) == "Zonder script opgeslagen"

    # Closing asks on a page of its own.
    plain.get_by_role("link", name="Overleg afsluiten").click()
    expect(plain.get_by_role("heading", name="Dit overleg afsluiten?")).to_be_visible()
    meeting.refresh_from_db()
    assert not meeting.is_closed
    context.close()


def test_closing_asks_first_in_a_dialog(meeting_page):
    page, meeting, _address = meeting_page
    dialog = page.locator("#close-dialog")
    page.get_by_role("link", name="Overleg afsluiten").click()
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Afsluiten kun je niet ongedaan maken.")
    dialog.get_by_role("link", name="Nee, terug naar het overleg").click()
    expect(dialog).to_be_hidden()
    meeting.refresh_from_db()
    assert not meeting.is_closed

    page.get_by_role("link", name="Overleg afsluiten").click()
    dialog.get_by_role("button", name="Ja, overleg afsluiten").click()
    expect(page.locator("#frozen-timeline .tl-row--help .tl-card").first).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.is_closed


def test_on_a_phone_the_page_stacks_and_nothing_scrolls_sideways(meeting_page):
    page, _meeting, _address = meeting_page
    page.set_viewport_size({"width": 320, "height": 640})
    # The site's header is the same on every page and measured on its own; a header wider
    # than the screen would widen the page around it, so here it is set aside.
    page.evaluate("document.querySelector('.rondom-header').style.display = 'none'")
    for number in (2, 5, 1):  # the first is open to begin with
        step(page, number).locator("summary").click()
        expect(step(page, number)).to_have_attribute("open", "")
        too_wide = page.evaluate(
            """() => [...document.querySelectorAll("main *")]
                .filter(el => el.getBoundingClientRect().width > 0)
                .filter(el => !el.closest("dialog:not([open])"))
                .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
                .map(el => el.tagName + "." + el.className)"""
        )
        assert too_wide == [], (number, too_wide[:5])
    steps = page.locator(".mt-page__steps").bounding_box()
    timeline = page.locator(".mt-page__timeline").bounding_box()
    assert timeline["y"] >= steps["y"] + steps["height"]


def test_a_live_page_marks_notes_saved_elsewhere_but_not_its_own(browser, asgi_server):
    from rondom.live.hub import hub

    call_command("demo")
    meeting = Meeting.objects.get(case=Case.objects.get(title=PAPER_CASE))
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, asgi_server, "ib@rondom.test")
    page.goto(f"{asgi_server}/cases/{meeting.case_id}/meetings/{meeting.pk}/?step=3")
    wait_for(lambda: hub.subscriber_count(meeting.case_id) >= 1)

    field = step(page, 3).locator("textarea")
    field.press_sequentially(" Zelf getypt.", delay=20)
    expect(step(page, 3).locator(".mt-note__status")).to_have_text("Opgeslagen")
    # Someone else changes step 4. When that has reached this page, so has the news of this
    # page's own save of step 3, which came first.
    other = StepNote.objects.get(meeting=meeting, step=4)
    other.text = "Elders opgeslagen"
    other.save_if_current()
    expect(step(page, 4).locator("textarea")).to_have_value("Elders opgeslagen")
    expect(page.locator("#step-3.mt-changed-elsewhere")).to_have_count(0)

    # Someone else changes step 3 while this person is still in it: it is marked, not replaced.
    mine = field.input_value()
    third = StepNote.objects.get(meeting=meeting, step=3)
    third.text = "Ook elders"
    third.save_if_current()
    expect(page.locator("#step-3.mt-changed-elsewhere")).to_have_count(1)
    assert field.input_value() == mine
    context.close()
