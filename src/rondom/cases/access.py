"""The one access policy for case data.

Who sees what of a case:
- a site admin sees everything;
- a parent in the case sees everything shared in it;
- in an anonymous case every participant sees its (pseudonymised) content;
- in a named case any other participant sees the content only under a valid consent that
  covers them or their organisation;
- a case manager without such consent still runs the case (people, consent, closing), but
  does not see its content;
- everyone else gets a 404 on every URL of the case, so they cannot tell it exists.

Every case view and API endpoint fetches its case through this module.
"""

from dataclasses import dataclass
from enum import IntEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from .models import PARENT_ROLES, Case, Consent, Participant


class Need(IntEnum):
    ADMIN = 1  # the case page, its people and consents
    CONTENT = 2  # the timeline, cards, school career


ALL_SCOPES = frozenset({"timeline", "meetings", "agreements"})


@dataclass(frozen=True)
class CaseAccess:
    case: Case
    participant: Participant | None
    level: Need
    reason: str
    is_site_admin: bool = False
    # What the consent covers; parents, anonymous cases and site admins have it all.
    scopes: frozenset = ALL_SCOPES

    def may(self, scope: str) -> bool:
        return self.sees_content and scope in self.scopes

    @property
    def is_case_manager(self) -> bool:
        return self.is_site_admin or bool(self.participant and self.participant.is_case_manager)

    @property
    def is_parent(self) -> bool:
        return bool(self.participant and self.participant.is_parent)

    @property
    def sees_content(self) -> bool:
        return self.level >= Need.CONTENT


def valid_consents(today=None) -> QuerySet[Consent]:
    today = today or timezone.localdate()
    return Consent.objects.filter(
        withdrawn_at__isnull=True, valid_from__lte=today, valid_until__gte=today, timeline=True
    )


def _content_condition() -> Q:
    """For a Participant queryset: may this participant see the case's content?"""
    consent = (
        valid_consents()
        .filter(case=OuterRef("case"))
        .filter(Q(participant=OuterRef("pk")) | Q(organisation__memberships__user=OuterRef("user")))
    )
    return Q(role__in=PARENT_ROLES) | Q(case__is_anonymous=True) | Q(Exists(consent))


def _participations(user) -> QuerySet[Participant]:
    return Participant.objects.filter(user=user)


def cases_for(user, need: Need = Need.ADMIN) -> QuerySet[Case]:
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    if user.is_superuser:
        return Case.objects.all()
    participations = _participations(user).filter(case=OuterRef("pk"))
    if need == Need.CONTENT:
        participations = participations.filter(_content_condition())
    else:
        participations = participations.filter(Q(is_case_manager=True) | _content_condition())
    return Case.objects.filter(Exists(participations))


def access_to(user, case: Case) -> CaseAccess | None:
    """How far this user may look into this case, and why; None when not at all."""
    if not user.is_authenticated or not user.is_active:
        return None
    participant = case.participants.filter(user=user).first()
    if user.is_superuser:
        return CaseAccess(case, participant, Need.CONTENT, "site admin", is_site_admin=True)
    if participant is None:
        return None
    if participant.is_parent:
        return CaseAccess(case, participant, Need.CONTENT, "parent")
    if case.is_anonymous:
        return CaseAccess(case, participant, Need.CONTENT, "anonymous case")
    consents = list(
        valid_consents()
        .filter(case=case)
        .filter(Q(participant=participant) | Q(organisation__memberships__user=user))
        .order_by("pk")
    )
    if consents:
        scopes = frozenset(
            scope for consent in consents for scope in ALL_SCOPES if getattr(consent, scope)
        )
        reason = f"consent {consents[0].pk}"
        return CaseAccess(case, participant, Need.CONTENT, reason, scopes=scopes)
    if participant.is_case_manager:
        return CaseAccess(case, participant, Need.ADMIN, "case manager without consent")
    return None


def get_access(request, case_id: int, need: Need = Need.CONTENT) -> CaseAccess:
    """The case for this request's user, or a 404; the reason goes into the access log."""
    case = Case.objects.filter(pk=case_id).first()
    access = access_to(request.user, case) if case else None
    if access is None or access.level < need:
        raise Http404
    request.access_reason = access.reason
    return access


def get_access_to(request, case_id: int, scope: str) -> CaseAccess:
    """For meetings and agreements: the consent must cover them too, else a 404."""
    access = get_access(request, case_id, Need.CONTENT)
    if not access.may(scope):
        raise Http404
    return access


def get_managed_case(request, case_id: int) -> CaseAccess:
    """For changes only a case manager may make; other participants get a 403."""
    access = get_access(request, case_id, Need.ADMIN)
    if not access.is_case_manager:
        raise PermissionDenied
    return access


def get_family_case(request, case_id: int, need: Need) -> CaseAccess:
    """For what is the family's own (its access log, its copy of the data): parents and case
    managers; other participants get a 403."""
    access = get_access(request, case_id, need)
    if not (access.is_parent or access.is_case_manager):
        raise PermissionDenied
    return access


def visible_cards(access: CaseAccess, deleted: bool = False):
    """The cards of the case this person may see: drafts only for their author, restricted
    cards only for the people named on them, their author and the case managers. Deleted ones
    only when asked (for undo)."""
    from rondom.timeline.models import Card

    me = access.participant
    cards = Card.objects.filter(case=access.case, deleted_at__isnull=not deleted)
    # A private draft is its author's alone: not even a case manager or site admin sees it.
    cards = (
        cards.exclude(is_draft=True) if me is None else cards.exclude(~Q(author=me), is_draft=True)
    )
    if access.is_case_manager:
        return cards
    return cards.filter(
        Q(restricted_to__isnull=True) | Q(author=me) | Q(restricted_to=me)
    ).distinct()


def may_edit_card(access: CaseAccess, card) -> bool:
    """Everyone edits their own cards; a case manager may correct any card."""
    if access.is_case_manager:
        return True
    return access.participant is not None and card.author_id == access.participant.pk


def visible_cards_for_user(user):
    """Across all cases: the cards this person may see (for lists that span cases)."""
    from rondom.timeline.models import Card

    cards = Card.objects.alive().filter(case__in=cases_for(user, Need.CONTENT))
    cards = cards.exclude(~Q(author__user=user), is_draft=True)
    if user.is_superuser:
        return cards
    managed = Participant.objects.filter(case=OuterRef("case"), user=user, is_case_manager=True)
    return cards.filter(
        Q(restricted_to__isnull=True)
        | Q(author__user=user)
        | Q(restricted_to__user=user)
        | Q(Exists(managed))
    ).distinct()
