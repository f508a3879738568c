"""A closed meeting's timeline, drawn again from its frozen copy.

The copy (see `closing.frozen_card`) keeps what each card said, not where it lay. Its cards are
placed again by their date text, a group through the child's school career, and laid out with
the same grid and card markup as the live timeline, so the record reads like the timeline that
was on the table. The live cards are not read: they may have changed or gone since.
"""

from dataclasses import dataclass, replace
from datetime import date

from django.utils import timezone

from rondom.career.spans import GroupSpan, group_year_spans
from rondom.cases.models import Child, Participant
from rondom.core.date_errors import FuzzyDateError
from rondom.core.fuzzy_dates import FuzzyDate, parse_fuzzy_date, resolve_groups
from rondom.timeline.kinds import ROWS
from rondom.timeline.layout import Layout, lay_out
from rondom.timeline.presentation import add_labels, card_texts

from .models import Meeting

CARD_KINDS = {row.card_kind for row in ROWS if row.card_kind}


@dataclass
class FrozenAuthor:
    letter: str
    colour: str
    name: str


@dataclass
class FrozenCard:
    """What the card markup and the layout read of a card, from one card of the copy."""

    pk: int | str
    kind: str
    child_id: int | None  # None for a card about the whole family
    author: FrozenAuthor
    date_text: str
    text: str
    text_less_well: str = ""
    provider: str = ""
    with_whom: str = ""
    aspect: str = ""
    rating: str = ""
    domain: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    is_draft: bool = False  # the copy holds shared cards only


def frozen_on(meeting: Meeting) -> date:
    """The day the copy was made: 'now' on the frozen timeline."""
    return timezone.localdate(meeting.closed_at) if meeting.closed_at else meeting.held_on


def _placed(text: str, today: date, group_years: list | None) -> FuzzyDate | None:
    """The days `text` means; None when it does not place the card (or no longer parses).
    `group_years` None: a group cannot be resolved, as for a family card with several
    children on the live timeline."""
    try:
        value = parse_fuzzy_date(text, today)
    except FuzzyDateError:
        return None
    if value.groups:
        value = resolve_groups(value, group_years) if group_years is not None else None
    return value if value is not None and value.is_placed else None


def _authors(participants: list[Participant]) -> dict[tuple[str, str], str]:
    """The name behind a letter and colour, where exactly one person in the case has them."""
    names: dict[tuple[str, str], str | None] = {}
    for person in participants:
        key = (person.letter, person.colour)
        names[key] = None if key in names else person.name
    return {key: name for key, name in names.items() if name is not None}


def frozen_cards(
    meeting: Meeting,
    child: Child,
    children: list[Child],
    participants: list[Participant],
    spans: list[GroupSpan],
) -> list[FrozenCard]:
    """The copy's cards on `child`'s timeline (`spans`: the child's group years): the child's
    own and the whole family's. A card of a child who has since been renamed, and so matches
    no child, is shown as well."""
    today = frozen_on(meeting)
    own_years = [(span.group, span.start, span.end) for span in spans]
    family_years = own_years if len(children) == 1 else None
    names = {other.name for other in children}
    authors = _authors(participants)
    cards = []
    for number, item in enumerate((meeting.frozen or {}).get("cards", []), start=1):
        about = item.get("child") or ""
        if about and about != child.name and about in names and len(children) > 1:
            continue
        letter, colour = item.get("author", ""), item.get("colour", "")
        card = FrozenCard(
            pk=item.get("id") or f"frozen-{number}",
            kind=item.get("kind", ""),
            child_id=child.pk if about else None,
            author=FrozenAuthor(letter, colour, authors.get((letter, colour), letter)),
            date_text=item.get("date_text", ""),
            text=item.get("text", ""),
            text_less_well=item.get("text_less_well", ""),
            provider=item.get("provider", ""),
            with_whom=item.get("with_whom", ""),
            aspect=item.get("aspect", ""),
            rating=item.get("rating", ""),
            domain=item.get("domain", ""),
        )
        # A kind that has no row waits in the tray rather than disappearing.
        if card.kind in CARD_KINDS:
            value = _placed(card.date_text, today, own_years if about else family_years)
            if value is not None:
                card = replace(card, starts_on=value.start, ends_on=value.end)
        cards.append(card)
    return cards


def frozen_timeline_context(
    meeting: Meeting, child: Child, children: list[Child], participants: list[Participant]
) -> dict:
    """What the frozen grid's template needs: the layout, and the words every card shares."""
    periods = list(child.school_periods.prefetch_related("group_years"))
    spans = group_year_spans(child, periods)
    cards = frozen_cards(meeting, child, children, participants, spans)
    add_labels(cards)
    layout: Layout = lay_out(child.date_of_birth, frozen_on(meeting), cards, periods, spans)
    return {"layout": layout, "texts": card_texts(), "frozen_on": frozen_on(meeting)}
