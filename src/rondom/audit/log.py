"""Writing to the access log, and walking its chain to check it (`verify` reads the log)."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .chain import CANONICAL, GENESIS, Seal, canonical_values, hasher
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
    return AuditEvent.objects.create(
        at=timezone.now(),
        **_actor(user),
        case_id=case_id,
        child_id=child_id,
        card_id=card_id,
        action=action,
        channel=channel,
        reason=reason,
    )


def record_many(user, action: str, case_ids: Iterable[int], *, channel: str, reasons: dict) -> None:
    """One line per case for one read that spans cases (an API list), in a single INSERT, so
    the cost does not grow with the number of cases. `reasons` maps a case to its grounds."""
    actor, now = _actor(user), timezone.now()
    AuditEvent.objects.bulk_create(
        AuditEvent(at=now, **actor, case_id=case_id, action=action, channel=channel,
                   reason=reasons.get(case_id, ""))
        for case_id in dict.fromkeys(case_ids)
    )  # fmt: skip


def _actor(user) -> dict:
    """Who did it: the account's id and address, or nobody (the system, a command)."""
    if user is None or not user.is_authenticated:
        return {"actor_id": None, "actor_label": ""}
    return {"actor_id": user.pk, "actor_label": user.get_username()}


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
        """Read a head as `verify_audit` prints it, with or without the `head:` label."""
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
    """What a walk over the log found; only the first breaks are kept, all are counted.

    A long log is walked in parts at once (`verify`); `start` and the old seals let a part
    be joined to the one before it.
    """

    count: int = 0
    breaks: list[Break] = field(default_factory=list)
    broken: int = 0
    hash_breaks: int = 0
    head: Head = EMPTY
    start: Head | None = None  # a later part's first line: its number and the hash it links to
    old_seals: int = 0
    first_old: int = 0
    last_old: int = 0
    expect_found: bool = False

    def add(self, item: Break) -> None:
        self.broken += 1
        self.hash_breaks += item.kind == "hash"
        if len(self.breaks) < KEPT_BREAKS:
            self.breaks.append(item)

    def extend(self, part: "Verification") -> None:
        """Join the part that follows, checking the seam as the walk checks two lines."""
        if part.start is not None:
            _check_link(self, part.start.seq, part.start.hash)
        self.count += part.count
        for item in part.breaks:
            self.add(item)
        self.broken += part.broken - len(part.breaks)
        self.hash_breaks += part.hash_breaks - sum(b.kind == "hash" for b in part.breaks)
        if part.old_seals:
            self.first_old = self.first_old or part.first_old
            self.last_old = part.last_old
            self.old_seals += part.old_seals
        self.expect_found = self.expect_found or part.expect_found
        if part.count:
            self.head = part.head

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
    return finish(walk_part(rows, key, expect, old_seal_ok), expect)


def walk_part(
    rows: Iterable[tuple],
    key: bytes,
    expect: Head | None = None,
    old_seal_ok: bool = False,
    after: Head | None = EMPTY,
) -> Verification:
    """Walk lines that follow `after`; with None, a later part whose seam `extend` checks."""
    result = Verification()
    rows = iter(rows)
    if after is None:
        first = next(rows, None)
        if first is None:
            return result
        result.start = Head(first[SEQ], first[PREV_HASH])
        after = Head(first[SEQ] - 1, first[PREV_HASH])
        rows = chain((first,), rows)
    hashers = {seal: hasher(seal, key) for seal in Seal.values}
    head_seq, head_hash = after.seq, after.hash
    for row in rows:
        seq, stored, seal = row[SEQ], row[HASH], row[SEAL]
        result.count += 1
        if seq != head_seq + 1 or row[PREV_HASH] != head_hash:
            result.head = Head(head_seq, head_hash)
            _check_link(result, seq, row[PREV_HASH])
        make_hash = hashers.get(seal)
        if make_hash is None:
            result.add(Break(seq, "seal", _("has an unknown seal")))
        else:
            if seal == Seal.SHA256 and not old_seal_ok:
                result.old_seals += 1
                result.first_old, result.last_old = result.first_old or seq, seq
            if make_hash(canonical_values(*row[:COVERED])) != stored:
                result.add(Break(seq, "hash", _("content does not match its hash")))
        if expect is not None and seq == expect.seq:
            result.expect_found = True
            if stored != expect.hash:
                result.add(Break(seq, "head", _other_hash(expect)))
        head_seq, head_hash = seq, stored
    result.head = Head(head_seq, head_hash)
    return result


def _check_link(result: Verification, seq: int, prev_hash: str) -> None:
    """Does the line `seq`, linking to `prev_hash`, follow the head of what was walked?"""
    if seq != result.head.seq + 1:
        result.add(Break(seq, "missing", _missing(result.head.seq, seq)))
    if prev_hash != result.head.hash:
        result.add(Break(seq, "link", _("does not link to the event before it")))


def finish(result: Verification, expect: Head | None) -> Verification:
    """The breaks that only the whole walk shows: old seals, and a kept head not found."""
    if result.old_seals:
        first, last = result.first_old, result.last_old
        result.add(Break(first, "seal", _unkeyed(result.old_seals, first, last)))
    if expect is not None and not result.expect_found:
        for item in _expect_missing(expect, result.head):
            result.add(item)
    return result


def _expect_missing(expect: Head, head: Head) -> list[Break]:
    """The kept head's event is not in the log: cut off at the end, or taken out."""
    if expect.seq == 0:
        return [] if expect.hash == GENESIS else [Break(0, "head", _other_hash(expect))]
    if expect.seq > head.seq:
        return [Break(expect.seq, "head", _shortened(expect, head))]
    return [Break(expect.seq, "head", _head_gone(expect))]


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
