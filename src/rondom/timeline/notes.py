"""Notes on cards that come from outside the case, and how they reach the pages.

Another component (the monitor, with the network's answer to a signal) writes a note with
`add_notes`; the timeline shows it on its card to whoever may read that card, and the open
pages of the case hear of it through `notes_added`, as they hear of a changed card.
"""

from collections.abc import Iterable

from django.dispatch import Signal

from .models import Card, CardNote

# Sent after notes were added, with `cards`: the cards that got one.
notes_added = Signal()


def add_notes(notes: list[CardNote]) -> list[CardNote]:
    """Store the notes in one INSERT and tell the open pages; each note needs its card."""
    if not notes:
        return []
    created = CardNote.objects.bulk_create(notes)
    cards = {note.card.pk: note.card for note in created}
    notes_added.send(sender=CardNote, cards=list(cards.values()))
    return created


def attach_notes(cards: Iterable[Card], case_id: int) -> None:
    """Give each card its notes as `shown_notes`, in one query whatever the number of cards.

    Only the given cards get notes, so a note shows exactly where its card may be read: pass
    the cards from the access policy. The query runs even for no cards, so that a page costs
    the same number of queries with or without them.
    """
    by_card: dict[int, list[CardNote]] = {}
    for note in CardNote.objects.filter(card__case_id=case_id):
        by_card.setdefault(note.card_id, []).append(note)
    for card in cards:
        card.shown_notes = by_card.get(card.pk, [])
