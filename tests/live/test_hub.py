"""The hub delivers a committed change to every stream of that case, and to no other case."""

import asyncio
import threading

import pytest

from rondom.live.hub import Hub


def test_hub_delivers_to_subscribers_of_the_case_only():
    hub = Hub()

    async def scenario():
        mine, other = hub.subscribe(1), hub.subscribe(2)
        # Publishers run in other threads (request handlers); delivery crosses into the loop.
        await asyncio.to_thread(hub.deliver, 1, {"kind": "card", "id": 7})
        got = await asyncio.wait_for(mine.get(), timeout=2)
        assert got == {"kind": "card", "id": 7}
        assert other.empty()
        hub.unsubscribe(1, mine)
        assert hub.subscriber_count(1) == 0

    # A loop of its own, in a thread: the browser tests keep one running in the main thread.
    errors = []
    runner = threading.Thread(target=lambda: errors.extend(_run(scenario)))
    runner.start()
    runner.join(timeout=10)
    assert errors == []


def _run(scenario) -> list:
    try:
        asyncio.run(scenario())
    except Exception as error:  # noqa: BLE001  (reported to the test in the main thread)
        return [error]
    return []


@pytest.mark.django_db
def test_changes_are_published_after_commit(story, django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr("rondom.live.hub.hub.deliver", lambda case, event: sent.append(event))
    with django_capture_on_commit_callbacks(execute=True):
        card = story["help_card"]
        card.text = "Speltherapie, aangepast"
        card.save()
    assert sent == [
        {"case": story["case"].pk, "kind": "card", "id": card.pk, "version": card.version}
    ]


@pytest.mark.django_db
def test_private_drafts_are_not_announced(story, django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr("rondom.live.hub.hub.deliver", lambda case, event: sent.append(event))
    with django_capture_on_commit_callbacks(execute=True):
        story["builder"].card("help", story["parent"], "2021", "Concept", None, is_draft=True)
    assert sent == []
