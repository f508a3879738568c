"""The meeting on the classroom board, in a real chromium: live notes and agreements from
another device, the steps in place with a clicker's keys, full screen, and card text that the
back of the classroom can read."""

import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from rondom.cases.models import Case
from rondom.demo.cases import PAPER_CASE
from rondom.live.hub import hub
from rondom.meetings.models import Agreement

from .conftest import log_in, parent_log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def board_url(base: str, step: int) -> str:
    case = Case.objects.get(title=PAPER_CASE)
    meeting = case.meetings.get()
    return f"{base}/cases/{case.pk}/meetings/{meeting.pk}/present/?step={step}"


def shown_step(page, step: int):
    """The step panel once it shows this step (labels are left to the translators)."""
    return page.locator(f"#board-step[data-step='{step}']")


@pytest.fixture
def board_and_phone(browser, asgi_server):
    """The case manager's board, and the mother on the meeting page on her own device."""
    call_command("demo")
    contexts = [
        browser.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
        for _ in range(2)
    ]
    board, phone = (context.new_page() for context in contexts)
    for page in (board, phone):
        page.set_default_timeout(10_000)
    log_in(board, asgi_server, "ib@rondom.test")
    parent_log_in(phone, asgi_server)
    case = Case.objects.get(title=PAPER_CASE)
    yield board, phone, case
    for context in contexts:
        context.close()


def open_phone(phone, base: str, step: int, case) -> None:
    """The meeting page on the phone, with `step` open (one step is open at a time)."""
    phone.goto(f"{base}/cases/{case.pk}/meetings/{case.meetings.get().pk}/?step={step}")
    phone.locator(f"details.mt-step[data-step='{step}'][open]").wait_for()


def open_board(board, base: str, step: int, case) -> None:
    board.goto(board_url(base, step))
    shown_step(board, step).wait_for()
    # The board follows the case before anyone acts (the phone's page follows it too).
    deadline = time.monotonic() + 10
    while hub.subscriber_count(case.pk) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert hub.subscriber_count(case.pk) >= 2
    board.evaluate("window.__same_board = true")


def test_a_note_saved_on_another_device_appears_on_the_board(board_and_phone, asgi_server):
    board, phone, case = board_and_phone
    open_phone(phone, asgi_server, 3, case)
    open_board(board, asgi_server, 3, case)
    note = phone.locator("form[action$='/steps/3/']")
    note.locator("textarea").fill("Huiswerkklas twee middagen per week")
    note.locator("button[type=submit]").click()
    board.locator("#board-step .mt-present__note", has_text="Huiswerkklas twee middagen").wait_for()
    assert board.evaluate("window.__same_board") is True  # refreshed in place, not reloaded


def test_an_agreement_added_on_another_device_appears_on_step_5(board_and_phone, asgi_server):
    board, phone, case = board_and_phone
    open_phone(phone, asgi_server, 5, case)
    open_board(board, asgi_server, 5, case)
    card = board.locator("#board-agreements")
    # The agreements card: this meeting's agreements with who, by when and their status.
    card.get_by_text("Terugkoppeling leerkracht aan moeder").wait_for()
    with translation.override("nl"):
        done = str(Agreement.Status.DONE.label)
    assert done in card.locator("li", has_text="Gesprek met moeder over huiswerk").inner_text()
    form = phone.locator("form[action$='/agreements/']")
    form.locator("input[name=what]").fill("Uitnodiging sportclub regelen")
    mother = case.participants.get(user__email="moeder@rondom.test")
    form.locator("select[name=owner]").select_option(value=str(mother.pk))
    due = timezone.localdate() + timedelta(days=30)
    form.locator("input[name=due_on]").fill(due.isoformat())
    form.locator("button[type=submit]").click()
    added = card.locator("li", has_text="Uitnodiging sportclub regelen")
    added.wait_for()
    assert mother.name in added.inner_text()
    assert f"{due.day}-{due.month}-{due.year}" in added.inner_text()
    assert board.evaluate("window.__same_board") is True


def test_the_clicker_keys_move_through_the_steps_in_place(page, live_server):
    call_command("demo")
    log_in(page, live_server.url, "ib@rondom.test")
    page.goto(board_url(live_server.url, 1))
    shown_step(page, 1).wait_for()
    page.evaluate("window.__same_board = true")
    presses = [("ArrowRight", 2), ("PageDown", 3), (" ", 4), ("ArrowLeft", 3), ("PageUp", 2)]
    for key, step in presses:
        page.keyboard.press(key)
        shown_step(page, step).wait_for()
    assert page.evaluate("window.__same_board") is True
    assert page.url.endswith("?step=2")
    assert page.locator("[data-board-count]").inner_text() == "Stap 2 van 5"
    # Back goes to the step before, in place as well; a reload keeps the step.
    page.go_back()
    shown_step(page, 3).wait_for()
    assert page.url.endswith("?step=3") and page.evaluate("window.__same_board") is True
    page.reload()
    shown_step(page, 3).wait_for()
    # Keys typed in a field stay there: open a new card beside the board and type.
    page.locator(".tl-row--life_event .tl-add").click()
    field = page.locator("#editor textarea").first
    field.fill("Op de fiets")
    for key in ("ArrowLeft", " ", "PageUp", "ArrowRight", "PageDown"):
        field.press(key)
    assert field.input_value() == "Op de fiet s"
    assert page.locator("#board-step").get_attribute("data-step") == "3"


def test_the_next_step_is_within_three_tabs_and_keeps_the_keyboard(page, live_server):
    call_command("demo")
    log_in(page, live_server.url, "ib@rondom.test")
    for step in (1, 3):
        page.goto(board_url(live_server.url, step))
        shown_step(page, step).wait_for()
        for _press in range(3):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.dataset.boardGo") == "next":
                break
        assert page.evaluate("document.activeElement.dataset.boardGo") == "next", step
    # Pressing it goes to step 4 and the keyboard stays on it; on step 5 it is gone, and the
    # keyboard moves to the step before rather than to the top of the page.
    page.keyboard.press("Enter")
    shown_step(page, 4).wait_for()
    assert page.evaluate("document.activeElement.dataset.boardGo") == "next"
    page.keyboard.press("Enter")
    shown_step(page, 5).wait_for()
    assert page.locator("[data-board-go=next]").is_hidden()
    assert page.evaluate("document.activeElement.dataset.boardGo") == "previous"


def test_full_screen_hides_the_site_menu(page, live_server):
    call_command("demo")
    log_in(page, live_server.url, "ib@rondom.test")
    page.goto(board_url(live_server.url, 1))
    button = page.get_by_role("button", name="Volledig scherm")
    assert page.locator(".rondom-header").is_visible()
    button.click()
    page.wait_for_function("document.fullscreenElement !== null")
    assert button.get_attribute("aria-pressed") == "true"
    assert page.locator(".rondom-header").is_hidden()
    assert page.locator("[data-board-go=next]").is_visible()
    button.click()
    page.wait_for_function("document.fullscreenElement === null")
    assert page.locator(".rondom-header").is_visible()


def test_the_full_screen_button_is_hidden_without_the_api(browser, live_server, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    call_command("demo")
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    context.add_init_script(
        "Object.defineProperty(Document.prototype, 'fullscreenEnabled', {get: () => false})"
    )
    page = context.new_page()
    log_in(page, live_server.url, "ib@rondom.test")
    page.goto(board_url(live_server.url, 1))
    shown_step(page, 1).wait_for()
    assert page.locator("[data-board-fullscreen]").is_hidden()
    context.close()


def test_card_text_on_the_board_is_readable_from_the_back(page, live_server):
    call_command("demo")
    log_in(page, live_server.url, "ib@rondom.test")
    page.goto(board_url(live_server.url, 1))
    page.locator(".tl-card").first.wait_for()
    sizes = page.eval_on_selector_all(
        ".tl-card__text", "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 20, sizes
    # Larger text, the same layout: nothing sticks out of its card or off the page sideways.
    overflow = page.evaluate(
        """() => ({
            page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            cards: [...document.querySelectorAll('.tl-card')]
                .filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent.trim()),
        })"""
    )
    assert overflow == {"page": 0, "cards": []}
