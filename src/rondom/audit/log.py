"""Writing to and checking the access log."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import AuditEvent

GENESIS = "0" * 64


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
                )
                event.hash = event.compute_hash()
                event.save()
                return event
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


@dataclass
class Break:
    seq: int
    problem: str


def verify_chain(batch_size: int = 2000) -> tuple[int, list[Break]]:
    """Recompute every hash and link; returns the number of events and what is broken."""
    breaks: list[Break] = []
    previous_hash, previous_seq, count = GENESIS, 0, 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size):
        count += 1
        if event.seq != previous_seq + 1:
            breaks.append(Break(event.seq, f"events {previous_seq + 1}–{event.seq - 1} missing"))
        if event.prev_hash != previous_hash:
            breaks.append(Break(event.seq, "does not link to the event before it"))
        if event.compute_hash() != event.hash:
            breaks.append(Break(event.seq, "content does not match its hash"))
        previous_hash, previous_seq = event.hash, event.seq
    return count, breaks
