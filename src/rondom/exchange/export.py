"""Write a case as one JSON document (format `rondom-case`, version 2)."""

from django.utils import timezone

from rondom.cases.access import CaseAccess
from rondom.cases.models import Case

from .document import ACTOR_FIELDS, FORMAT, VERSION
from .parts.cards import card_entry, notes_of, readable_cards, readable_revisions
from .parts.children import export_children, export_school_periods
from .parts.consents import export_consents, export_figures_consents
from .parts.help import export_questions, export_satisfactions
from .parts.links import export_hidings, export_links
from .parts.meetings import export_meetings
from .parts.people import export_participants
from .values import iso


def _case(case: Case) -> dict:
    return {
        "id": case.pk,
        "title": case.title,
        "is_anonymous": case.is_anonymous,
        "created_at": iso(case.created_at),
        "closed_at": iso(case.closed_at),
        "filed_in": case.filed_in,
        "version": case.version,
    }


def _only_own_email(document, own: str | None) -> None:
    """A person's copy names other people by their place in the case, not their address."""
    if isinstance(document, dict):
        for key, value in document.items():
            if key in ACTOR_FIELDS and isinstance(value, str):
                document[key] = value if value == own else None
            else:
                _only_own_email(value, own)
    elif isinstance(document, list):
        for item in document:
            _only_own_email(item, own)


def export_case(case: Case, access: CaseAccess | None = None) -> dict:
    """The whole case, or, with `access`, what that person may see of it.

    Without `access` (the command line) every card is written, private drafts and deleted
    cards included, so that a case moves to another installation whole. With `access`, the
    drafts of others, cards kept from this person and deleted cards stay out.
    """
    cards = readable_cards(case, access)
    card_ids = {card.pk for card in cards}
    revisions = readable_revisions(card_ids, access)
    notes = notes_of(card_ids)
    meetings = export_meetings(case, access)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "scope": "full" if access is None else "participant",
        "case": _case(case),
        "children": export_children(case, access),
        "participants": export_participants(case),
        "school_periods": export_school_periods(case),
        "cards": [
            card_entry(card, revisions.get(card.pk, []), notes.get(card.pk)) for card in cards
        ],
        "card_links": export_links(case, card_ids),
        "card_hidings": export_hidings(card_ids),
        "meetings": meetings,
        "consents": export_consents(case),
        "help_questions": export_questions(case, card_ids),
        "help_satisfactions": export_satisfactions(case, {m["id"] for m in meetings}),
        "figures_consents": export_figures_consents(case),
    }
    if access is not None:
        me = access.participant.user if access.participant else None
        _only_own_email(document, me.email if me else None)
    return document
