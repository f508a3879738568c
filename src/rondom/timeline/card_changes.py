"""Creating, changing, deleting and restoring cards, each change kept as a revision."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from rondom.career.spans import group_year_spans
from rondom.cases.models import Case, Child
from rondom.core.fuzzy_dates import FuzzyDate, parse_fuzzy_date, resolve_groups
from rondom.core.limits import MAX_CARDS_PER_CHILD
from rondom.core.vague_dates import DatedAsWritten

from .card_fields import snapshot
from .models import Card, CardRevision


def _record(card: Card, action: str, user, changes: dict, limited: list[int]) -> CardRevision:
    """Write a revision, with who may read the card as it now is (see access.sees_version)."""
    return CardRevision.objects.create(
        card=card,
        version=card.version,
        action=action,
        changed_by=user,
        changes=changes,
        draft=card.is_draft,
        author_id=card.author_id,
        restricted_to=limited or None,
    )


def _limit(card: Card, restricted_to: Iterable | None) -> list[int]:
    """Set who the card is limited to (None: leave as it is); the ids it is limited to now."""
    if restricted_to is not None:
        card.restricted_to.set(restricted_to)
    return sorted(card.restricted_to.values_list("pk", flat=True))


def group_years_of(child: Child) -> list[tuple[str, Any, Any]]:
    """(group, first day, last day) of every school year in the child's career."""
    return [(span.group, span.start, span.end) for span in group_year_spans(child)]


def apply_date(card: Card, case: Case, child: Child | None, value: FuzzyDate | None = None) -> None:
    """Place the card by its date text, or by `value` when that text was parsed already; a
    group reference resolves through the school career.

    A card about the whole family dated "groep 4" uses the career of the case's only child;
    with several children it stays unplaced.
    """
    if value is None:
        value = parse_fuzzy_date(card.date_text)
    if value.groups:
        if child is None:
            children = list(case.children.all()[:2])
            child = children[0] if len(children) == 1 else None
        if child is not None:
            value = resolve_groups(value, group_years_of(child))
    card.set_date(value)


def has_room(card: Card, case: Case, child: Child | None) -> bool:
    """Whether `card`, about `child` or the whole family, fits on every timeline it joins.

    A child's timeline shows the child's own cards and the whole family's; deleted cards do
    not count, and neither does `card` itself.
    """
    others = Card.objects.alive().filter(case=case)
    if card.pk is not None:
        others = others.exclude(pk=card.pk)
    counts = dict(
        others.order_by()
        .values_list("child")
        .annotate(count=Count("pk"))
        .values_list("child", "count")
    )
    family = counts.pop(None, 0)
    busiest = counts.get(child.pk, 0) if child else max(counts.values(), default=0)
    return family + busiest < MAX_CARDS_PER_CHILD


@transaction.atomic
def create_card(card: Card, user, restricted_to: Iterable | None = None) -> Card:
    """Save a new card, limited to `restricted_to` when given, and its first revision."""
    card.version = 1
    card.save()
    limited = _limit(card, restricted_to)
    after = snapshot(card) | {"restricted_to": limited}
    changes = {k: [None, v] for k, v in after.items() if v not in ("", None, [])}
    _record(card, CardRevision.Action.CREATED, user, changes, limited)
    return card


@transaction.atomic
def save_card_changes(
    card: Card,
    before: dict[str, Any],
    expected_version: int,
    user,
    restricted_to: Iterable | None = None,
) -> Card:
    """Save an edited card unless someone else saved it since `expected_version`; then
    raise StaleVersion.

    `restricted_to` (None: unchanged) is who the card is limited to from now on.
    """
    after = snapshot(card)
    if restricted_to is not None:
        after["restricted_to"] = sorted(p.pk for p in restricted_to)
    changes = {field: [before[field], new] for field, new in after.items() if before[field] != new}
    if not changes:
        return card
    card.save_if_current(expected_version)
    limited = _limit(card, restricted_to)
    if set(changes) == {"date_text"}:
        action = CardRevision.Action.MOVED
    elif set(changes) == {"is_draft"} and not card.is_draft:
        action = CardRevision.Action.SHARED
    else:
        action = CardRevision.Action.EDITED
    _record(card, action, user, changes, limited)
    return card


def _set_deleted_at(card: Card, user, action: str, deleted_at) -> Card:
    with transaction.atomic():
        card.deleted_at = deleted_at
        card.version += 1
        card.save(update_fields=["deleted_at", "version", "updated_at"])
        _record(card, action, user, {}, _limit(card, None))
    return card


def delete_card(card: Card, user) -> Card:
    """Deleted cards are kept out of sight so the deletion can be undone."""
    return _set_deleted_at(card, user, CardRevision.Action.DELETED, timezone.now())


def restore_card(card: Card, user) -> Card:
    return _set_deleted_at(card, user, CardRevision.Action.RESTORED, None)


def dated_by_group_about(records: QuerySet, child: Child) -> QuerySet:
    """The records dated by group that follow `child`'s school career: those about the child,
    and the whole family's when the child is the case's only one (as in `apply_date`)."""
    about = Q(child=child)
    if not Child.objects.filter(case_id=child.case_id).exclude(pk=child.pk).exists():
        about |= Q(child__isnull=True, case_id=child.case_id)
    return records.filter(about).exclude(date_groups="")


def place_by_groups_again(records: Iterable[DatedAsWritten], child: Child) -> int:
    """Resolve the groups of these records (cards, questions) through `child`'s school career
    again, and store the ones whose days changed."""
    spans = group_years_of(child)
    changed = []
    for record in records:
        value = resolve_groups(record.fuzzy_date, spans)
        if (value.start, value.end) != (record.starts_on, record.ends_on):
            record.set_date(value)
            changed.append(record)
    if changed:
        type(changed[0]).objects.bulk_update(changed, ["starts_on", "ends_on"])
    return len(changed)


def reresolve_group_dates(child: Child, cards: Iterable[Card] | None = None) -> int:
    """After the school career changed, place the cards dated by group again."""
    if cards is None:
        cards = dated_by_group_about(Card.objects.all(), child)
    return place_by_groups_again(cards, child)


def share_drafts(cards: Iterable[Card], user) -> int:
    """Share private drafts with the case, each as a recorded change."""
    shared = 0
    for card in cards:
        before = snapshot(card)
        card.is_draft = False
        save_card_changes(card, before, card.version, user)
        shared += 1
    return shared
