"""The access policy for cards: which cards, and which versions of a card, a person may read.

It builds on the case rule in `rondom.cases.access`: first the case and its consent, then,
within the content, a private draft is its author's alone, and a card with limited access is
for the people named on it, its author and the case managers. The same holds for every
version of a card in its history and for the counts.
"""

from collections.abc import Iterable

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from rondom.cases.access import CaseAccess, Need, cases_for, is_active
from rondom.cases.models import Case, Participant

from .models import Card, CardRevision


def _sees_card(me: dict, is_site_admin: bool = False) -> Q:
    """For a Card queryset of cases whose content this person sees: which cards they may read.

    `me` picks the person's participant rows: {"user": user} across cases, or {"pk": id} for
    one participant without an account.
    """

    def about_me(prefix: str) -> dict:
        return {f"{prefix}__{key}": value for key, value in me.items()}

    own = Q(**about_me("author"))
    not_someone_elses_draft = Q(is_draft=False) | own
    if is_site_admin:
        return not_someone_elses_draft
    through = Card.restricted_to.through.objects.filter(card=OuterRef("pk"))
    limited = Exists(through)
    named = Exists(through.filter(**about_me("participant")))
    manages = Exists(Participant.objects.filter(case=OuterRef("case"), is_case_manager=True, **me))
    return not_someone_elses_draft & (~limited | own | named | manages)


def visible_cards_for_user(user, deleted: bool = False) -> QuerySet[Card]:
    """Across all cases: the cards this person may see. Deleted ones only when asked (undo)."""
    if not is_active(user):
        return Card.objects.none()
    cards = Card.objects.filter(
        case__in=cases_for(user, Need.CONTENT), deleted_at__isnull=not deleted
    )
    return cards.filter(_sees_card({"user": user}, user.is_superuser))


def visible_cards(access: CaseAccess, deleted: bool | None = False) -> QuerySet[Card]:
    """The cards of this case the person may see; deleted ones only when asked (for undo),
    or alive and deleted together with `deleted=None`."""
    if not access.sees_content:
        return Card.objects.none()
    cards = Card.objects.filter(case=access.case)
    if deleted is not None:
        cards = cards.filter(deleted_at__isnull=not deleted)
    if access.user is not None:
        return cards.filter(_sees_card({"user": access.user}, access.is_site_admin))
    return cards.filter(_sees_card({"pk": access.participant.pk}))


def card_counts(user, cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate `card_count`: the cards this person may see in each case, in one query."""
    per_case = (
        visible_cards_for_user(user)
        .filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return cases.annotate(card_count=Coalesce(Subquery(per_case), 0, output_field=IntegerField()))


def may_edit_card(access: CaseAccess, card: Card) -> bool:
    """Everyone edits their own cards; a case manager may correct any card they see."""
    if access.is_case_manager:
        return True
    return access.participant is not None and card.author_id == access.participant.pk


def sees_version(access: CaseAccess, revision: CardRevision) -> bool:
    """May this person read the card as it was at this revision? A version written as a
    draft, or with limited access, is for those who could see it then."""
    me = access.participant.pk if access.participant else None
    if revision.draft:
        return me is not None and revision.author_id == me
    if revision.restricted_to is None:
        return True
    return access.is_case_manager or me == revision.author_id or me in revision.restricted_to


def visible_revisions(access: CaseAccess, revisions: Iterable[CardRevision]) -> list:
    """The history of one card as this person may read it, newest first.

    A revision records the change from the version before it, so the earlier values are shown
    only when that earlier version was visible to this person too.
    """
    ordered = sorted(revisions, key=lambda r: (r.version, r.pk))
    shown = []
    previous_seen = True  # before the first version there is nothing to hide
    for revision in ordered:
        seen = sees_version(access, revision)
        if seen:
            revision.new_values_only = not previous_seen
            if revision.new_values_only:
                revision.changes = _as_first_seen(revision.changes)
            shown.append(revision)
        previous_seen = seen
    return list(reversed(shown))


def _as_first_seen(changes: dict) -> dict:
    """The new values only: neither the hidden text nor that the card was hidden shows."""
    return {
        field: [None, new]
        for field, (_old, new) in changes.items()
        if field not in ("is_draft", "restricted_to", "restriction_reason")
        and new not in ("", None, [])
    }
