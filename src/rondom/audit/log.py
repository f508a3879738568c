"""Writing to and checking the access log."""

import re
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field

from django.db import connections, router, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .chain import CANONICAL, GENESIS, Seal, audit_key, canonical_values, hasher
from .models import AuditEvent


def record(
    user,
    action: str,
    *,
    case_id: int | None = None,
    child_id: int | None = None,
    card_id: int | None = None,
    channel: str = AuditEvent.Channel.PAGE,
    reason: str = "",
) -> AuditEvent:
    """Add one line to the log. It gets its place in the chain later, from the sealer.

    A single INSERT: concurrent requests neither wait for each other nor compete for a number.
    """
    actor_id = user.pk if user is not None and user.is_authenticated else None
    return AuditEvent.objects.create(
        at=timezone.now(),
        actor_id=actor_id,
        actor_label=user.get_username() if actor_id else "",
        case_id=case_id,
        child_id=child_id,
        card_id=card_id,
        action=action,
        channel=channel,
        reason=reason,
    )


HEAD_FORM = re.compile(r"(?:head:\s*)?(\d+):([0-9a-f]{64})")


@dataclass(frozen=True)
class Head:
    """The last event of the log: its number and hash. Kept elsewhere, it shows a shortened log."""

    seq: int
    hash: str

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> "Head":
        """Read a head as `verify-audit` prints it, with or without the `head:` label."""
        match = HEAD_FORM.fullmatch(text.strip().lower())
        if match is None:
            raise ValueError(f"not a head: {text!r}")
        return cls(int(match[1]), match[2])


EMPTY = Head(0, GENESIS)


@dataclass(frozen=True)
class Break:
    seq: int
    kind: str  # missing, link, hash, seal or head
    problem: str  # for the operator, in the active language


KEPT_BREAKS = 1000


@dataclass
class Verification:
    """What a walk over the log found; only the first breaks are kept, all are counted."""

    count: int = 0
    breaks: list[Break] = field(default_factory=list)
    broken: int = 0
    hash_breaks: int = 0
    head: Head = EMPTY

    def add(self, item: Break) -> None:
        self.broken += 1
        self.hash_breaks += item.kind == "hash"
        if len(self.breaks) < KEPT_BREAKS:
            self.breaks.append(item)

    @property
    def wrong_key(self) -> bool:
        """Every event fails its hash: more likely another key than a rewritten log."""
        return self.count > 0 and self.hash_breaks == self.count


# What the walk reads of each line, in this order: what the hash covers, then the hash and seal.
VERIFIED = (*CANONICAL, "hash", "seal")
SEQ, PREV_HASH, HASH, SEAL = (VERIFIED.index(name) for name in ("seq", "prev_hash", "hash", "seal"))
COVERED = len(CANONICAL)


def walk(
    rows: Iterable[tuple], key: bytes, expect: Head | None = None, old_seal_ok: bool = False
) -> Verification:
    """Check sealed lines, given as `VERIFIED` tuples in order of `seq`: numbering, links,
    hashes, seals and the kept head.

    Lines with the old unkeyed seal count as a break unless `old_seal_ok` (when re-sealing):
    anyone with the public algorithm could have made them.
    """
    result = Verification()
    hashers = {seal: hasher(seal, key) for seal in Seal.values}
    old_seals, first_old, last_old = 0, 0, 0
    expect_found = False
    head_seq, head_hash = EMPTY.seq, EMPTY.hash
    for row in rows:
        seq, stored, seal = row[SEQ], row[HASH], row[SEAL]
        result.count += 1
        if seq != head_seq + 1:
            result.add(Break(seq, "missing", _missing(head_seq, seq)))
        if row[PREV_HASH] != head_hash:
            result.add(Break(seq, "link", _("does not link to the event before it")))
        make_hash = hashers.get(seal)
        if make_hash is None:
            result.add(Break(seq, "seal", _("has an unknown seal")))
        else:
            if seal == Seal.SHA256 and not old_seal_ok:
                old_seals += 1
                first_old, last_old = first_old or seq, seq
            if make_hash(canonical_values(*row[:COVERED])) != stored:
                result.add(Break(seq, "hash", _("content does not match its hash")))
        if expect is not None and seq == expect.seq:
            expect_found = True
            if stored != expect.hash:
                result.add(Break(seq, "head", _other_hash(expect)))
        head_seq, head_hash = seq, stored
    result.head = Head(head_seq, head_hash)
    if old_seals:
        result.add(Break(first_old, "seal", _unkeyed(old_seals, first_old, last_old)))
    if expect is not None and not expect_found:
        for item in _expect_missing(expect, result.head):
            result.add(item)
    return result


def sealed_rows(model) -> QuerySet:
    """Every sealed line of `model` as a `VERIFIED` tuple, in order of `seq`.

    Tuples rather than model instances: a tenth of the work for a long log.
    """
    lines = model._base_manager.using(router.db_for_read(model))
    return lines.filter(seq__isnull=False).order_by("seq").values_list(*VERIFIED)


def streaming(rows: QuerySet) -> AbstractContextManager:
    """Where `rows.iterator()` streams: on PostgreSQL its server-side cursor does so only
    inside a transaction (outside one, the whole result is first copied). On SQLite a
    transaction would take the write lock (IMMEDIATE) and hold up every request."""
    if connections[rows.db].vendor == "postgresql":
        return transaction.atomic(using=rows.db)
    return nullcontext()


def _expect_missing(expect: Head, head: Head) -> list[Break]:
    """The kept head's event is not in the log: cut off at the end, or taken out."""
    if expect.seq == 0:
        return [] if expect.hash == GENESIS else [Break(0, "head", _other_hash(expect))]
    if expect.seq > head.seq:
        return [Break(expect.seq, "head", _shortened(expect, head))]
    return [Break(expect.seq, "head", _head_gone(expect))]


def check_log(expect: Head | None = None, batch_size: int = 5000) -> Verification:
    """Recompute every hash and link of the sealed log, and check that it still holds `expect`.

    Lines not sealed yet are not part of the chain; `sealing.seal_pending` seals them first.
    """
    rows = sealed_rows(AuditEvent)
    with streaming(rows):
        return walk(rows.iterator(chunk_size=batch_size), audit_key(), expect)


def verify_chain(batch_size: int = 5000) -> tuple[int, list[Break]]:
    """Recompute every hash and link; returns the number of events and what is broken."""
    result = check_log(batch_size=batch_size)
    return result.count, result.breaks


def _missing(previous: int, seq: int) -> str:
    return _("events %(first)s–%(last)s are missing") % {"first": previous + 1, "last": seq - 1}


def _other_hash(expect: Head) -> str:
    return _("has another hash than the head you kept (%(head)s)") % {"head": expect}


def _head_gone(expect: Head) -> str:
    return _("the event of the head you kept (%(head)s) is missing") % {"head": expect}


def _shortened(expect: Head, head: Head) -> str:
    return _(
        "the log ends at event %(last)s, before the head you kept (%(head)s): "
        "events at the end are missing"
    ) % {"last": head.seq, "head": expect}


def _unkeyed(count: int, first: int, last: int) -> str:
    return ngettext(
        "%(count)s event (%(first)s–%(last)s) has only the old hash without a key, which "
        "anyone could have made: the log was not re-sealed",
        "%(count)s events (%(first)s–%(last)s) have only the old hash without a key, which "
        "anyone could have made: the log was not re-sealed",
        count,
    ) % {"count": count, "first": first, "last": last}
