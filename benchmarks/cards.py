"""Many cards for a benchmark case: every kind and rating, spread over 13 years."""

from datetime import date

from rondom.timeline.kinds import ROWS, Rating
from rondom.timeline.models import Card

KINDS = [row.card_kind for row in ROWS if row.card_kind]
RATINGS = [Rating.GOOD, Rating.NEUTRAL, Rating.NOT_GOOD, ""]


def add_cards(case, children: list, authors: list, count: int, first_year: int) -> None:
    """Every seventh card is about the whole family; the rest go round the children."""
    cards = []
    for i in range(count):
        year = first_year + i % 13
        cards.append(
            Card(
                case=case,
                child=children[i % len(children)] if i % 7 else None,
                kind=KINDS[i % len(KINDS)],
                author=authors[i % len(authors)],
                text=f"Kaartje {i}: wat er gebeurde en hoe het ging, in een paar zinnen.",
                text_less_well="Wat minder goed ging." if i % 4 == 0 else "",
                rating=RATINGS[i % 4],
                date_text=str(year),
                starts_on=date(year, 1 + i % 12, 1),
                ends_on=date(year, 1 + i % 12, 28),
                precision="month",
            )
        )
    Card.objects.bulk_create(cards)
