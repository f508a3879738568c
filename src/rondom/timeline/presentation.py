"""What the screen and the prints show of a timeline: the grid of one child, the fixed words
and labels on the cards, and the page's filters. Views and documents both build on this."""

from datetime import date

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from rondom.career.spans import group_year_spans
from rondom.cases.access import CaseAccess
from rondom.cases.models import Child

from .access import may_edit_card, visible_cards
from .kinds import ROWS, ROWS_BY_KEY, CardKind, Domain, HomeAspect, Rating, Row
from .layout import Layout, lay_out
from .models import Card, CardRevision
from .notes import attach_notes


def _selected_ids(query: QueryDict, name: str, allowed: set) -> set:
    chosen = set()
    for value in query.getlist(name):
        key = int(value) if value.isdigit() else value
        if key in allowed:
            chosen.add(key)
    return chosen


def card_texts() -> dict[str, str]:
    """The fixed words on every card, translated once per page rather than once per card."""
    return {
        "no_date": _("no date"),
        "with": _("with"),
        "goes_well": _("goes well"),
        "less_well": _("goes less well"),
        "family": _("whole family"),
        "edit": _("Edit"),
        "rating": _("rating"),
        "draft": _("Private draft: only you see this"),
    }


def add_labels(cards: list[Card]) -> None:
    """Look the choice labels up once per page instead of once per card and field."""
    labels = {
        field: {value: str(label) for value, label in choices.choices}
        for field, choices in (
            ("kind", CardKind),
            ("rating", Rating),
            ("domain", Domain),
            ("aspect", HomeAspect),
        )
    }
    for card in cards:
        for field, names in labels.items():
            setattr(card, f"{field}_label", names.get(getattr(card, field), ""))


def add_edit_rights(cards: list[Card], access: CaseAccess | None) -> None:
    """Mark the cards this person may change, so that only those offer to be changed: a
    link that ends in a refusal is a dead end. Without `access`, none."""
    for card in cards:
        card.may_edit = access is not None and may_edit_card(access, card)


def on_behalf_of(revision: CardRevision) -> str:
    """The name of the card's author when someone else saved this version of it (the case
    manager filling in a card for a parent, or correcting it); empty when they saved it
    themselves, or when it is not known who saved it. Needs `author` and `changed_by`."""
    author = revision.author
    if author is None or revision.changed_by_id is None:
        return ""
    return "" if author.user_id == revision.changed_by_id else author.name


def add_authors(cards: list[Card], participants: list) -> None:
    """Give the cards their authors from the case's participants, fetched for the filters
    already: a handful of objects instead of a joined copy of the author on every card."""
    by_id = {person.pk: person for person in participants}
    for card in cards:
        author = by_id.get(card.author_id)
        if author is not None:  # otherwise the card fetches its own, as without this
            card.author = author


def child_layout(
    child: Child, cards: list[Card], today: date, rows: tuple[Row, ...] = ROWS
) -> Layout:
    """One child's grid: the given cards with the child's school career and groups."""
    periods = list(child.school_periods.prefetch_related("group_years"))
    spans = group_year_spans(child, periods)
    return lay_out(child.date_of_birth, today, cards, periods, spans, rows)


def timeline_context(
    access: CaseAccess, child: Child, query: QueryDict, on_the_board: bool = False
) -> dict:
    """The grid as this person may see it, filtered as `query` (the page's GET) asks;
    `on_the_board`, as everyone at the table may: a classroom board shows no drafts and no
    cards with limited access, whoever presents."""
    case = access.case
    participants = list(case.participants.all())
    author_ids = _selected_ids(query, "author", {p.pk for p in participants})
    row_keys = _selected_ids(query, "row", set(ROWS_BY_KEY))

    cards = Card.objects.for_everyone().filter(case=case) if on_the_board else visible_cards(access)
    cards = cards.for_child(child)
    mine = query.get("mine") == "1" and access.participant is not None
    if mine:
        cards = cards.filter(author=access.participant)
    elif author_ids:
        cards = cards.filter(author_id__in=author_ids)
    cards = list(cards.order_by("starts_on", "pk"))
    add_labels(cards)
    add_authors(cards, participants)
    add_edit_rights(cards, access)
    attach_notes(cards, case.pk)
    rows = tuple(row for row in ROWS if not row_keys or row.key in row_keys)
    layout = child_layout(child, cards, timezone.localdate(), rows)
    return {
        "case": case,
        "child": child,
        "children": list(case.children.all()),
        "participants": participants,
        "access": access,
        "me": access.participant,
        "layout": layout,
        "texts": card_texts(),
        "author_ids": author_ids,
        "row_keys": row_keys,
        "all_rows": ROWS,
        "filtered": bool(author_ids or row_keys),
        "mine": mine,
        "my_drafts": sum(1 for c in cards if c.is_draft),
    }
