"""What a card holds, named once.

The card form, the API, the card's history, the case file and a meeting's frozen copy all
take their fields from here, so a field added to the card reaches each of them
(tests/timeline/test_card_fields.py checks that it does, and that the case file's JSON
Schema describes it).
"""

from typing import Any

from .models import Card

# What someone writes on a card, in the order the card form asks for it.
CONTENT_FIELDS = (
    "kind",
    "child",
    "author",
    "date_text",
    "text",
    "text_less_well",
    "provider",
    "with_whom",
    "aspect",
    "rating",
    "domain",
)
# What the card answers elsewhere in the case: a help card's question for help. A meeting's
# frozen copy keeps what lay on the table, the cards themselves, and leaves it out.
LINK_FIELDS = ("question",)
# Who may read the card. A meeting's frozen copy has no use for them: it holds only the cards
# that everyone in the case may read.
SHARING_FIELDS = ("is_draft", "restricted_to", "restriction_reason")
WRITTEN_FIELDS = CONTENT_FIELDS + LINK_FIELDS + SHARING_FIELDS

# Worked out from `date_text` (see `card_changes.apply_date`), never written directly.
DATE_FIELDS = ("starts_on", "ends_on", "precision")

# Written fields that name other records; elsewhere in a card their value is the record's id.
PEOPLE_FIELDS = ("child", "author")
MANY_PEOPLE_FIELDS = ("restricted_to",)


def written_value(card: Card, name: str) -> Any:
    """A written field as plain data: ids for the people and records it names, sorted."""
    if name in PEOPLE_FIELDS or name in LINK_FIELDS:
        return getattr(card, f"{name}_id")
    if name in MANY_PEOPLE_FIELDS:
        return sorted(p.pk for p in getattr(card, name).all()) if card.pk else []
    return getattr(card, name)


def snapshot(card: Card) -> dict[str, Any]:
    """Everything written on the card, as plain data: what a revision compares."""
    return {name: written_value(card, name) for name in WRITTEN_FIELDS}
