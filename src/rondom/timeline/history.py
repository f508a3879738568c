"""A card's history in words: what changed, from what to what, as people say it.

A revision stores plain data (ids, choice values, booleans); the history page shows names,
choice labels and words for yes and no instead, and says so when a field was empty.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .card_fields import WRITTEN_FIELDS
from .kinds import FIELD_LABELS
from .models import Card, CardRevision

EMPTY = _("(empty)")
WHOLE_FAMILY = _("the whole family")
EVERYONE = _("everyone in the case")
GONE = _("someone no longer in the case")
NO_QUESTION = _("a question for help that is no longer there")
# The draft flag, in the words of the card form's checkbox.
SHARING = {True: _("only for me"), False: _("shared with the case")}
LABELS: dict[str, Promise] = {"is_draft": _("sharing")}


@dataclass(frozen=True)
class Change:
    label: str
    old: str | None  # None: there is no earlier value to show
    new: str


class ChangeWords:
    """Words for the values of one case's cards: its people and children by name."""

    def __init__(
        self,
        card: Card,
        people: dict[int, str],
        children: dict[int, str],
        questions: dict[int, str] | None = None,
    ) -> None:
        """`questions`: the case's questions for help by id, in a few words each."""
        self.kind = card.kind
        self.people = people
        self.children = children
        self.questions = questions or {}

    def label(self, field: str) -> str:
        own = LABELS.get(field) or FIELD_LABELS.get(self.kind, {}).get(field)
        return str(own or Card._meta.get_field(field).verbose_name)

    def value(self, field: str, value: Any) -> str:
        if field == "is_draft":
            return str(SHARING[bool(value)])
        if field == "child":
            return self.children.get(value, str(GONE)) if value else str(WHOLE_FAMILY)
        if field == "author":
            return self.people.get(value, str(GONE)) if value else str(EMPTY)
        if field == "question":
            return self.questions.get(value, str(NO_QUESTION)) if value else str(EMPTY)
        if field == "restricted_to":
            ids = value if isinstance(value, list) else []
            return ", ".join(self.people.get(pk, str(GONE)) for pk in ids) or str(EVERYONE)
        if value in ("", None):
            return str(EMPTY)
        choices = dict(Card._meta.get_field(field).flatchoices)
        return str(choices.get(value, value))

    def changes(self, revision: CardRevision, new_only: bool) -> list[Change]:
        """The fields a revision changed; only the new values where the earlier ones are not
        to be shown (a new card, or an earlier version this reader could not see)."""
        return [
            Change(
                self.label(field),
                None if new_only else self.value(field, old),
                self.value(field, new),
            )
            for field, (old, new) in revision.changes.items()
            # Only the fields a card has; an imported history might name others.
            if field in WRITTEN_FIELDS
        ]
