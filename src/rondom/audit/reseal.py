"""Re-sealing the access log: every event's hash made again, under a new seal or key.

Migration 0004 uses this once, for the events hashed before the log had a key, and
`rondom reseal_audit` uses it when the key changes. Both first check the chain as it stands
(old events with plain SHA-256, keyed ones with the old key) and refuse a broken chain:
re-sealing it would make a changed or shortened log look whole. Lines not sealed yet are left
to the sealer, which chains them after the new head with the new key.
"""

from contextlib import closing
from dataclasses import dataclass

from django.db import connections, router, transaction

from .chain import CANONICAL, GENESIS, Seal, canonical_values, hasher
from .log import PREV_HASH, SEQ, Head, Verification, walk
from .sealing import take_sealer_lock
from .verify import sealed_rows, stream

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
    """Check the whole chain, then hash every sealed line again under `seal` and `new_key`.

    `model` may be the historical model of a migration. Writers wait until this is done: on
    PostgreSQL lifting the append-only trigger locks the table, and SQLite transactions here
    take the write lock when they begin. The sealer's lock comes first, so a sealer waits too.
    """
    alias = router.db_for_write(model)
    connection = connections[alias]
    table = connection.ops.quote_name(model._meta.db_table)
    rows = sealed_rows(model)
    make_hash = hasher(seal, new_key)
    with transaction.atomic(using=alias):
        take_sealer_lock(connection)
        _set_trigger(connection, table, "DISABLE")
        with closing(stream(rows, batch_size)) as lines:
            before = walk(lines, old_key, expect, old_seal_ok=True)
        if before.broken:
            raise ResealRefused(before)
        after = Head(0, GENESIS)
        update = f"UPDATE {table} SET prev_hash = %s, seal = %s, hash = %s WHERE id = %s"
        lines = rows.values_list("id", *CANONICAL)
        while batch := list(lines.filter(seq__gt=after.seq)[:batch_size]):
            changes = []
            for pk, *content in batch:
                content[PREV_HASH] = after.hash
                after = Head(content[SEQ], make_hash(canonical_values(*content)))
                changes.append((content[PREV_HASH], seal, after.hash, pk))
            with connection.cursor() as cursor:
                cursor.executemany(update, changes)
        _set_trigger(connection, table, "ENABLE")
    return Resealed(before.count, before.head, after)


def _set_trigger(connection, table: str, state: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {table} {state} TRIGGER {TRIGGER}")
