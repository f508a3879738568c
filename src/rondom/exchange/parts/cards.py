"""Cards in a case file, each with its history."""

from rondom.cases.access import CaseAccess
from rondom.cases.models import Case
from rondom.timeline.access import visible_cards, visible_revisions
from rondom.timeline.card_fields import MANY_PEOPLE_FIELDS, PEOPLE_FIELDS, WRITTEN_FIELDS, snapshot
from rondom.timeline.models import Card, CardNote, CardRevision

from ..values import (
    UPDATE_BATCH,
    UserByEmail,
    email_of,
    iso,
    keep_file_moments,
    read_date,
    read_moment,
)

# What an import copies from the file as it stands; the people a card names get this
# installation's ids, and the dates are read as dates. The question a card answers is set
# once the questions exist, since a question may in turn name a card.
CARD_FIELDS = (
    *(
        name
        for name in WRITTEN_FIELDS
        if name not in (*PEOPLE_FIELDS, *MANY_PEOPLE_FIELDS, "question")
    ),
    "precision",
    "version",
)


def readable_cards(case: Case, access: CaseAccess | None) -> list[Card]:
    """Every card of the case, or, with `access`, those this person may see."""
    cards = Card.objects.filter(case=case) if access is None else visible_cards(access)
    return list(cards.order_by("pk").prefetch_related("restricted_to").distinct())


def readable_revisions(card_ids: set[int], access: CaseAccess | None) -> dict[int, list]:
    """The cards' earlier versions by card, or, with `access`, those this person may see."""
    revisions: dict[int, list] = {}
    for revision in CardRevision.objects.filter(card__in=card_ids).select_related("changed_by"):
        revisions.setdefault(revision.card_id, []).append(revision)
    if access is not None:
        revisions = {pk: visible_revisions(access, rows) for pk, rows in revisions.items()}
    return revisions


def notes_of(card_ids: set[int]) -> dict[int, list[CardNote]]:
    """The notes that reached these cards from outside the case, by card, oldest first."""
    notes: dict[int, list[CardNote]] = {}
    for note in CardNote.objects.filter(card__in=card_ids).order_by("created_at", "pk"):
        notes.setdefault(note.card_id, []).append(note)
    return notes


def card_entry(
    card: Card, revisions: list[CardRevision], notes: list[CardNote] | None = None
) -> dict:
    """The card with its history; `revisions` are those the reader may see, in any order.
    Its notes are written only when it has some, so a file without any stays readable by an
    installation that does not know notes yet."""
    entry = {
        "id": card.pk,
        **snapshot(card),
        "starts_on": iso(card.starts_on),
        "ends_on": iso(card.ends_on),
        "precision": card.precision,
        "date_groups": [g for g in card.date_groups.split(",") if g],
        "question": card.question_id,
        "version": card.version,
        "created_at": iso(card.created_at),
        "updated_at": iso(card.updated_at),
        "deleted_at": iso(card.deleted_at),
        "revisions": [
            {
                "version": r.version,
                "action": r.action,
                "changed_by": email_of(r.changed_by),
                "changed_at": iso(r.changed_at),
                "changes": r.changes,
                "draft": r.draft,
                "author": r.author_id,
                "restricted_to": r.restricted_to,
            }
            for r in sorted(revisions, key=lambda r: (r.changed_at, r.pk))
        ],
    }
    if notes:
        entry["notes"] = [
            {"label": note.label, "text": note.text, "created_at": iso(note.created_at)}
            for note in notes
        ]
    return entry


def import_cards(
    items: list[dict],
    case: Case,
    child_ids: dict[int, int],
    participant_ids: dict[int, int],
    user: UserByEmail,
) -> dict[int, int]:
    """The cards, who they are limited to and their history; returns the new id for each id
    in the file."""
    cards = _create_cards(items, case, child_ids, participant_ids)
    through = Card.restricted_to.through
    through.objects.bulk_create(
        through(card_id=card.pk, participant_id=participant_ids[pid])
        for item, card in zip(items, cards, strict=True)
        for pid in item["restricted_to"]
    )
    _create_revisions(items, cards, participant_ids, user)
    _create_notes(items, cards)
    return {item["id"]: card.pk for item, card in zip(items, cards, strict=True)}


def _create_notes(items: list[dict], cards: list[Card]) -> None:
    pairs = [
        (CardNote(card=card, label=note["label"], text=note["text"]), note)
        for item, card in zip(items, cards, strict=True)
        for note in item.get("notes", [])
    ]
    notes = CardNote.objects.bulk_create(note for note, _ in pairs)
    keep_file_moments(notes, [item for _, item in pairs], ("created_at",))


def link_questions(
    items: list[dict], card_ids: dict[int, int], question_ids: dict[int, int]
) -> None:
    """Each help card to the question it answers, by the questions' new ids."""
    cards = [
        Card(pk=card_ids[item["id"]], question_id=question_ids[item["question"]])
        for item in items
        if item["question"] is not None
    ]
    Card.objects.bulk_update(cards, ["question"], batch_size=UPDATE_BATCH)


def _create_cards(
    items: list[dict], case: Case, child_ids: dict[int, int], participant_ids: dict[int, int]
) -> list[Card]:
    cards = [
        Card(
            case=case,
            child_id=child_ids.get(item["child"]),
            author_id=participant_ids[item["author"]],
            starts_on=read_date(item["starts_on"]),
            ends_on=read_date(item["ends_on"]),
            date_groups=",".join(item["date_groups"]),
            deleted_at=read_moment(item["deleted_at"]),
            **{k: item[k] for k in CARD_FIELDS},
        )
        for item in items
    ]
    Card.objects.bulk_create(cards)
    keep_file_moments(cards, items, ("created_at", "updated_at"))
    return cards


def _create_revisions(
    items: list[dict],
    cards: list[Card],
    participant_ids: dict[int, int],
    user: UserByEmail,
) -> None:
    revisions = [
        (
            CardRevision(
                card=card,
                version=r["version"],
                action=r["action"],
                changed_by=user(r["changed_by"]),
                changes=r["changes"],
                **audience,
            ),
            r["changed_at"],
        )
        for item, card in zip(items, cards, strict=True)
        for r, audience in _audiences(item, card, participant_ids)
    ]
    CardRevision.objects.bulk_create(revision for revision, _ in revisions)
    for revision, changed_at in revisions:
        revision.changed_at = read_moment(changed_at)
    CardRevision.objects.bulk_update(
        [r for r, _ in revisions], ["changed_at"], batch_size=UPDATE_BATCH
    )


def _audiences(item: dict, card: Card, participant_ids: dict[int, int]):
    """Each revision of a card with who may read that version.

    A file from before this was recorded does not say so. Then the card's history is replayed,
    as the database migration did for existing rows: a draft at a version is in the history
    itself, and a version with a reason for limiting was limited, to the people the card is
    limited to now, or else to its author and the case managers. Ids were already mapped to
    this installation's rows (participants the file does not know are None).
    """
    state = {"is_draft": False, "author": card.author_id, "restriction_reason": ""}
    limited_now = sorted(participant_ids[p] for p in item["restricted_to"])
    for revision in sorted(item["revisions"], key=lambda r: r["version"]):
        if "restricted_to" in revision:
            limited = revision["restricted_to"]
            yield (
                revision,
                {
                    "draft": bool(revision.get("draft", False)),
                    "author_id": revision.get("author"),
                    "restricted_to": None if limited is None else [p for p in limited if p],
                },
            )
            continue
        for name in state:
            change = revision["changes"].get(name)
            if isinstance(change, list) and len(change) == 2:
                state[name] = change[1]
        author = state["author"] if isinstance(state["author"], int) else None
        yield (
            revision,
            {
                "draft": bool(state["is_draft"]),
                "author_id": author,
                "restricted_to": limited_now if state["restriction_reason"] else None,
            },
        )


def relink_question_history(items: list[dict], card_ids: dict[int, int]) -> None:
    """A card's history names the questions it answered. Those ids are known only after the
    questions are imported, which is after the cards; so the revisions that name one are
    written again with the new ids (already put into `items`)."""
    wanted = {
        (card_ids[item["id"]], revision["version"]): revision["changes"]
        for item in items
        for revision in item["revisions"]
        if "question" in revision["changes"]
    }
    if not wanted:
        return
    revisions = CardRevision.objects.filter(card_id__in={card for card, _ in wanted})
    changed = []
    for revision in revisions:
        changes = wanted.get((revision.card_id, revision.version))
        if changes is not None:
            revision.changes = changes
            changed.append(revision)
    CardRevision.objects.bulk_update(changed, ["changes"], batch_size=UPDATE_BATCH)
