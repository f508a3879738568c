"""Re-sealing the access log: every event's hash made again, under a new seal or key.

Migration 0004 uses this once, for the events hashed before the log had a key, and
`rondom reseal-audit` uses it when the key changes. Both first check the chain as it stands
(old events with plain SHA-256, keyed ones with the old key) and refuse a broken chain:
re-sealing it would make a changed or shortened log look whole.
"""

from dataclasses import dataclass

from django.db import connections, router, transaction

from .chain import GENESIS, Seal, seal_hash
from .log import Head, Verification, walk

TRIGGER = "audit_no_change"  # migration 0002


class ResealRefused(Exception):
    def __init__(self, found: Verification):
        super().__init__(f"the access log is broken in {found.broken} place(s)")
        self.found = found


@dataclass(frozen=True)
class Resealed:
    count: int
    before: Head
    after: Head


def reseal(
    model,
    old_key: bytes,
    new_key: bytes,
    *,
    seal: int = Seal.HMAC_SHA256,
    expect: Head | None = None,
    batch_size: int = 1000,
) -> Resealed:
    """Check the whole chain, then hash every event again under `seal` and `new_key`.

    `model` may be the historical model of a migration. Writers wait until this is done: on
    PostgreSQL lifting the append-only trigger locks the table, and SQLite transactions here
    take the write lock when they begin.
    """
    alias = router.db_for_write(model)
    connection = connections[alias]
    table = connection.ops.quote_name(model._meta.db_table)
    events = model._base_manager.using(alias).order_by("seq")
    with transaction.atomic(using=alias):
        _set_trigger(connection, table, "DISABLE")
        before = walk(events.iterator(chunk_size=batch_size), old_key, expect, old_seal_ok=True)
        if before.broken:
            raise ResealRefused(before)
        after = Head(0, GENESIS)
        update = f"UPDATE {table} SET prev_hash = %s, seal = %s, hash = %s WHERE id = %s"
        while batch := list(events.filter(seq__gt=after.seq)[:batch_size]):
            rows = []
            for event in batch:
                event.prev_hash, event.seal = after.hash, seal
                event.hash = seal_hash(event, seal, new_key)
                after = Head(event.seq, event.hash)
                rows.append((event.prev_hash, seal, event.hash, event.pk))
            with connection.cursor() as cursor:
                cursor.executemany(update, rows)
        _set_trigger(connection, table, "ENABLE")
    return Resealed(before.count, before.head, after)


def _set_trigger(connection, table: str, state: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {table} {state} TRIGGER {TRIGGER}")
