"""Sealing: giving each new line of the access log its place in the keyed chain.

A request only inserts its line (`log.record`), without chain fields, so requests never wait
for each other or compete for a number. The database's id sequence orders the lines. The
sealer takes the unsealed lines in that order, a batch at a time, and gives each the next
`seq`, the hash of the line before it and its own keyed hash (`models.fill_chain`).

Only the sealer takes its lock, so one sealer works at a time and no request waits for it:
on PostgreSQL a transaction-level advisory lock; on SQLite the database's write lock, which
every transaction takes when it begins (IMMEDIATE, see the settings). Requests on SQLite
wait for that lock anyway, for one batch at most.

A line may have an id lower than a line already sealed, when its request committed later;
the sealer takes it in the next round. `seq` is the order of the chain, the id the order of
writing.

Until it is sealed, a line is guarded by the append-only rules of the application and of
PostgreSQL, not by the chain: someone with full rights on the database who deletes it before
then leaves no trace. `rondom seal_audit` from cron every minute keeps that window short, and
`rondom verify_audit` seals before it checks.
"""

from dataclasses import dataclass

from django.db import connections, router, transaction

from .chain import CONTENT, Seal, audit_key, canonical_values, hasher
from .log import COVERED, EMPTY, HASH, SEAL, SEQ, VERIFIED, Head
from .models import AuditEvent, fill_chain

# Any 64-bit number, as long as nothing else takes an advisory lock with it.
SEALER_LOCK = 0x52_4F_4E_44_4F_4D_01

BATCH = 1000


@dataclass(frozen=True)
class Sealed:
    count: int
    head: Head


class SealRefused(Exception):
    """The last sealed line does not match its hash under this key: sealing would make every
    new line fail verification, so nothing is sealed."""

    def __init__(self, head: Head):
        super().__init__(f"the last sealed line ({head.seq}) does not match its hash")
        self.head = head


def take_sealer_lock(connection) -> None:
    """Wait for the sealer's lock, until the end of the current transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SEALER_LOCK])


def seal_pending(model=AuditEvent, key: bytes | None = None, batch_size: int = BATCH) -> Sealed:
    """Seal every line not sealed yet, in order of id; returns how many, and the new head.

    Each batch is a transaction of its own, so the lock is held briefly and what is sealed
    stays sealed. `model` may be a migration's historical model.
    """
    key = audit_key() if key is None else key
    keyed = hasher(Seal.HMAC_SHA256, key)
    alias = router.db_for_write(model)
    connection = connections[alias]
    lines = model._base_manager.using(alias)
    pending = lines.filter(seq__isnull=True).order_by("id").values_list("id", *CONTENT)
    count, head_checked = 0, False
    while True:
        with transaction.atomic(using=alias):
            take_sealer_lock(connection)
            head = current_head(lines, None if head_checked else key)
            head_checked = True
            batch = list(pending[:batch_size])
            rows = []
            for pk, action, actor_id, label, at, card, case, channel, child, reason in batch:
                seq = head.seq + 1
                content = canonical_values(
                    action, actor_id, label, at, card, case, channel, child, head.hash, reason, seq
                )
                rows.append((seq, head.hash, keyed(content), Seal.HMAC_SHA256, pk))
                head = Head(seq, rows[-1][2])
            if rows:
                fill_chain(model, connection, rows)
        count += len(rows)
        if len(batch) < batch_size:
            return Sealed(count, head)


def current_head(lines, key: bytes | None = None) -> Head:
    """The last sealed line; with `key`, refuse one that does not match its hash under it.

    That check is what stops a sealer with another key (a cron job without the production
    settings, say) from sealing lines that will never verify.
    """
    last = lines.filter(seq__isnull=False).order_by("-seq").values_list(*VERIFIED).first()
    if last is None:
        return EMPTY
    head = Head(last[SEQ], last[HASH])
    if key is not None:
        seal, content = last[SEAL], canonical_values(*last[:COVERED])
        if seal not in Seal.values or hasher(seal, key)(content) != head.hash:
            raise SealRefused(head)
    return head
