"""Writing to and checking the access log."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .chain import GENESIS, Seal, audit_key, seal_hash
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
    """Append one event to the chain; retried when another writer took the same place."""
    actor_id = user.pk if user is not None and user.is_authenticated else None
    actor_label = user.get_username() if actor_id else ""
    for attempt in range(5):
        try:
            with transaction.atomic():
                last = AuditEvent.objects.select_for_update().order_by("-seq").first()
                event = AuditEvent(
                    seq=(last.seq + 1) if last else 1,
                    at=timezone.now(),
                    actor_id=actor_id,
                    actor_label=actor_label,
                    case_id=case_id,
                    child_id=child_id,
                    card_id=card_id,
                    action=action,
                    channel=channel,
                    reason=reason,
                    prev_hash=last.hash if last else GENESIS,
                    seal=Seal.HMAC_SHA256,
                )
                event.hash = event.compute_hash()
                event.save()
                return event
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def record_many(user, action: str, case_ids: Iterable[int], *, channel: str, reasons: dict) -> None:
    """One line per case for one read that spans cases (an API list), written in one go, so
    the cost does not grow with the number of cases. `reasons` maps a case to its grounds."""
    case_ids = list(dict.fromkeys(case_ids))
    if not case_ids:
        return
    actor_id = user.pk if user is not None and user.is_authenticated else None
    actor_label = user.get_username() if actor_id else ""
    for attempt in range(5):
        try:
            with transaction.atomic():
                last = AuditEvent.objects.select_for_update().order_by("-seq").first()
                seq, previous = (last.seq, last.hash) if last else (0, GENESIS)
                events = []
                now = timezone.now()
                for case_id in case_ids:
                    seq += 1
                    event = AuditEvent(
                        seq=seq, at=now, actor_id=actor_id, actor_label=actor_label,
                        case_id=case_id, action=action, channel=channel,
                        reason=reasons.get(case_id, ""), prev_hash=previous,
                        seal=Seal.HMAC_SHA256,
                    )  # fmt: skip
                    event.hash = event.compute_hash()
                    previous = event.hash
                    events.append(event)
                AuditEvent.objects.bulk_create(events)
                return
        except IntegrityError:
            if attempt == 4:
                raise


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


def walk(
    events: Iterable, key: bytes, expect: Head | None = None, old_seal_ok: bool = False
) -> Verification:
    """Check events in order of `seq`: numbering, links, hashes, seals and the kept head.

    Lines with the old unkeyed seal count as a break unless `old_seal_ok` (when re-sealing):
    anyone with the public algorithm could have made them.
    """
    result = Verification()
    old_seals, first_old, last_old = 0, 0, 0
    expect_found = False
    for event in events:
        result.count += 1
        previous = result.head
        if event.seq != previous.seq + 1:
            result.add(Break(event.seq, "missing", _missing(previous.seq, event.seq)))
        if event.prev_hash != previous.hash:
            result.add(Break(event.seq, "link", _("does not link to the event before it")))
        if event.seal not in Seal.values:
            result.add(Break(event.seq, "seal", _("has an unknown seal")))
        else:
            if event.seal == Seal.SHA256 and not old_seal_ok:
                old_seals += 1
                first_old, last_old = first_old or event.seq, event.seq
            if seal_hash(event, event.seal, key) != event.hash:
                result.add(Break(event.seq, "hash", _("content does not match its hash")))
        if expect is not None and event.seq == expect.seq:
            expect_found = True
            if event.hash != expect.hash:
                result.add(Break(event.seq, "head", _other_hash(expect)))
        result.head = Head(event.seq, event.hash)
    if old_seals:
        result.add(Break(first_old, "seal", _unkeyed(old_seals, first_old, last_old)))
    if expect is not None and not expect_found:
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


def check_log(expect: Head | None = None, batch_size: int = 2000) -> Verification:
    """Recompute every hash and link of the log, and check that it still holds `expect`."""
    events = AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size)
    return walk(events, audit_key(), expect)


def verify_chain(batch_size: int = 2000) -> tuple[int, list[Break]]:
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
