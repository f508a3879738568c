"""With several server processes, changes travel through PostgreSQL's LISTEN/NOTIFY."""

import asyncio
import threading

import pytest
from django.db import connection

from rondom.live import hub as live


@pytest.mark.django_db(transaction=True)
def test_a_change_notified_in_postgres_reaches_this_process_subscribers(settings, story):
    if connection.vendor != "postgresql":
        pytest.skip("LISTEN/NOTIFY needs PostgreSQL; the PostgreSQL run of the suite covers it")
    settings.LIVE_BACKEND = "postgres"
    received, ready = [], threading.Event()

    async def listener_side():
        stop = asyncio.Event()
        queue = live.hub.subscribe(story["case"].pk)
        task = asyncio.create_task(live.listen_to_postgres(stop))
        await asyncio.sleep(0.5)  # LISTEN is in place
        ready.set()
        received.append(await asyncio.wait_for(queue.get(), timeout=5))
        stop.set()
        await task

    thread = threading.Thread(target=lambda: asyncio.run(listener_side()))
    thread.start()
    ready.wait(timeout=5)
    card = story["help_card"]
    card.text = "Gewijzigd in een ander serverproces"
    card.save()  # autocommit: the NOTIFY goes out at once
    thread.join(timeout=10)
    assert received and received[0]["kind"] == "card" and received[0]["id"] == card.pk
