"""Bringing perspectives together: linked cards form one entry, and differences stand out."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from .kinds import ROWS, Row
from .models import Card, CardHiding, CardLink

# Two people placing the same thing more than a year apart is worth talking about.
DATE_GAP = timedelta(days=365)


@dataclass
class Entry:
    """One thing on the timeline as one or more people described it."""

    cards: list[Card]
    links: list[CardLink] = field(default_factory=list)

    @property
    def is_linked(self) -> bool:
        return len(self.cards) > 1

    @property
    def ratings_differ(self) -> bool:
        return len({c.rating for c in self.cards if c.rating}) > 1

    @property
    def dates_differ(self) -> bool:
        starts = [c.starts_on for c in self.cards if c.starts_on]
        return len(starts) > 1 and max(starts) - min(starts) > DATE_GAP

    @property
    def differs(self) -> bool:
        return self.ratings_differ or self.dates_differ

    @property
    def sort_key(self):
        starts = [c.starts_on for c in self.cards if c.starts_on]
        return (
            min(starts) if starts else date.max,
            self.cards[0].pk,
        )


@dataclass
class MergedRow:
    row: Row
    entries: list[Entry]


def _groups(cards: list[Card], links: list[CardLink]) -> list[Entry]:
    """Connected groups of cards, joined by their active links (union-find)."""
    parent = {card.pk: card.pk for card in cards}

    def root(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    usable = [link for link in links if link.first_id in parent and link.second_id in parent]
    for link in usable:
        parent[root(link.first_id)] = root(link.second_id)
    entries: dict[int, Entry] = {}
    for card in cards:
        entries.setdefault(root(card.pk), Entry([])).cards.append(card)
    for link in usable:
        entries[root(link.first_id)].links.append(link)
    return sorted(entries.values(), key=lambda e: e.sort_key)


def merged_rows(cards: list[Card], links: list[CardLink]) -> list[MergedRow]:
    by_kind: dict[str, list[Card]] = {}
    for card in cards:
        by_kind.setdefault(card.kind, []).append(card)
    return [
        MergedRow(row, _groups(by_kind.get(row.card_kind, []), links))
        for row in ROWS
        if row.card_kind
    ]


def active_links(case_id: int) -> list[CardLink]:
    links = CardLink.objects.filter(case_id=case_id, unlinked_at__isnull=True)
    return list(links.select_related("first__author", "second__author"))


def hidden_ids(cards: list[Card]) -> set[int]:
    return set(
        CardHiding.objects.filter(card__in=cards, shown_at__isnull=True).values_list(
            "card_id", flat=True
        )
    )


@transaction.atomic
def link_cards(cards: list[Card], user) -> list[CardLink]:
    """Link the chosen cards as one entry: each to the first, skipping pairs already joined."""
    first, *others = cards
    existing = {frozenset((link.first_id, link.second_id)) for link in active_links(first.case_id)}
    made = []
    for card in others:
        if frozenset((first.pk, card.pk)) not in existing:
            made.append(
                CardLink.objects.create(
                    case_id=first.case_id, first=first, second=card, linked_by=user
                )
            )
    return made


def unlink(links: list[CardLink], user) -> None:
    now = timezone.now()
    for link in links:
        link.unlinked_at, link.unlinked_by = now, user
        link.save(update_fields=["unlinked_at", "unlinked_by"])


def hide(card: Card, user) -> None:
    if not CardHiding.objects.filter(card=card, shown_at__isnull=True).exists():
        CardHiding.objects.create(card=card, hidden_by=user)


def show_again(card: Card, user) -> None:
    CardHiding.objects.filter(card=card, shown_at__isnull=True).update(
        shown_at=timezone.now(), shown_by=user
    )
