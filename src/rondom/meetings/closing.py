"""Closing a meeting freezes what was on the table: the shared timeline, notes and agreements."""

from django.utils import timezone

from rondom.timeline.card_fields import CONTENT_FIELDS
from rondom.timeline.models import Card

from .models import Meeting


def frozen_card(card: Card) -> dict:
    """The card as it lay on the table: what it says, and whose colour and letter it has."""
    return {
        "id": card.pk,
        "version": card.version,
        **{name: getattr(card, name) for name in CONTENT_FIELDS},
        "child": card.child.name if card.child else "",
        "author": card.author.letter,
        "colour": card.author.colour,
    }


def freeze(meeting: Meeting) -> dict:
    # The copy is read by everyone in the meeting's case.
    cards = (
        Card.objects.for_everyone()
        .filter(case=meeting.case)
        .select_related("author", "child")
        .order_by("starts_on", "pk")
    )
    return {
        "cards": [frozen_card(card) for card in cards],
        "notes": {str(note.step): note.text for note in meeting.notes.all()},
        "agreements": [
            {
                "what": a.what,
                "who": a.owner.name,
                "due_on": a.due_on.isoformat(),
                "status": a.status,
            }
            for a in meeting.agreements.select_related("owner")
        ],
    }


def close_meeting(meeting: Meeting) -> None:
    meeting.frozen = freeze(meeting)
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["frozen", "closed_at"])


def changes_since(meeting: Meeting) -> dict[str, list]:
    """Cards added, changed or removed since the meeting was closed."""
    then = {card["id"]: card for card in (meeting.frozen or {}).get("cards", [])}
    now = {card.pk: card for card in Card.objects.for_everyone().filter(case=meeting.case)}
    return {
        "added": [now[pk] for pk in now.keys() - then.keys()],
        "changed": [
            now[pk] for pk in now.keys() & then.keys() if now[pk].version != then[pk]["version"]
        ],
        "removed": [then[pk] for pk in then.keys() - now.keys()],
    }
