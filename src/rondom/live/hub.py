"""Live updates: changes in a case are pushed to every browser that has it open.

Within one server process a hub fans events out to the open streams. With several processes,
set RONDOM_LIVE_BACKEND=postgres: every change then goes through PostgreSQL's NOTIFY, and each
process LISTENs and fans out to its own streams.
"""

import asyncio
import json
import threading
from collections import defaultdict

from django.conf import settings
from django.db import connection, transaction

CHANNEL = "rondom_live"


class Hub:
    """Subscribers are asyncio queues on some event loop; publishers may be any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: dict[int, set[tuple[asyncio.AbstractEventLoop, asyncio.Queue]]] = (
            defaultdict(set)
        )

    def subscribe(self, case_id: int) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=100)
        with self._lock:
            self._subscribers[case_id].add((asyncio.get_running_loop(), queue))
        return queue

    def unsubscribe(self, case_id: int, queue: asyncio.Queue) -> None:
        with self._lock:
            self._subscribers[case_id] = {
                pair for pair in self._subscribers[case_id] if pair[1] is not queue
            }

    def deliver(self, case_id: int, event: dict) -> None:
        with self._lock:
            targets = list(self._subscribers.get(case_id, ()))
        for loop, queue in targets:
            if not loop.is_closed():
                loop.call_soon_threadsafe(_put, queue, event)

    def subscriber_count(self, case_id: int) -> int:
        with self._lock:
            return len(self._subscribers.get(case_id, ()))


def _put(queue: asyncio.Queue, event: dict) -> None:
    if not queue.full():  # a browser that stopped reading misses updates, nobody else does
        queue.put_nowait(event)


hub = Hub()


def uses_postgres() -> bool:
    return settings.LIVE_BACKEND == "postgres"


def publish(case_id: int, event: dict) -> None:
    """Announce a change once the transaction that made it has committed."""
    message = {"case": case_id, **event}

    def send() -> None:
        if uses_postgres():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, json.dumps(message)])
        else:
            hub.deliver(case_id, message)

    transaction.on_commit(send)


_listener: asyncio.Task | None = None


def ensure_listener() -> None:
    """Start this process's PostgreSQL listener on the running loop, once."""
    global _listener
    if uses_postgres() and (_listener is None or _listener.done()):
        _listener = asyncio.get_running_loop().create_task(listen_to_postgres())


async def listen_to_postgres(stop: asyncio.Event | None = None) -> None:
    """Carry PostgreSQL notifications to this process's subscribers."""
    import psycopg

    db = settings.DATABASES["default"]
    conninfo = psycopg.conninfo.make_conninfo(
        dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"], host=db["HOST"],
        port=str(db["PORT"] or ""),
    )  # fmt: skip
    async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as conn:
        await conn.execute(f"LISTEN {CHANNEL}")
        while stop is None or not stop.is_set():
            async for notify in conn.notifies(timeout=1.0):
                message = json.loads(notify.payload)
                hub.deliver(message["case"], message)
