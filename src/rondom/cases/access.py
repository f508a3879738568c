"""The one access policy for case data.

Who sees what of a case:
- a site admin sees everything but other people's private drafts;
- a parent in the case sees everything shared in it;
- in an anonymous case every participant sees its (pseudonymised) content;
- in a named case any other participant sees the content only under a valid consent that
  covers them or their organisation; the consent also says whether it covers meetings and
  agreements (scopes);
- a case manager without such consent still runs the case (people, consent, closing), but
  does not see its content;
- everyone else gets a 404 on every URL of the case, so they cannot tell it exists.

Within the content, a private draft is its author's alone, and a card with limited access is
for the people named on it, its author and the case managers. The same holds for every version
of a card in its history, for key moments, for live events and for counts.

Every case view, API endpoint, print, export and stream asks this module. The rules are each
written once, as query builders that serve one case as well as many.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from .models import PARENT_ROLES, Case, Child, Consent, Participant

if TYPE_CHECKING:
    from rondom.meetings.models import Agreement, KeyMoment, Meeting
    from rondom.timeline.models import Card, CardRevision


class Need(IntEnum):
    ADMIN = 1  # the case page, its people and consents
    CONTENT = 2  # the timeline, cards, school career


class Scope(StrEnum):
    """What a consent covers; the timeline is always part of it."""

    TIMELINE = "timeline"
    MEETINGS = "meetings"
    AGREEMENTS = "agreements"


ALL_SCOPES = frozenset(Scope)


@dataclass(frozen=True)
class CaseAccess:
    case: Case
    user: Any
    participant: Participant | None
    level: Need
    reason: str
    is_site_admin: bool = False
    # What the consent covers; parents, anonymous cases and site admins have it all.
    scopes: frozenset = ALL_SCOPES

    def may(self, scope: Scope) -> bool:
        return self.sees_content and Scope(scope) in self.scopes

    @property
    def is_case_manager(self) -> bool:
        return self.is_site_admin or bool(self.participant and self.participant.is_case_manager)

    @property
    def is_parent(self) -> bool:
        return bool(self.participant and self.participant.is_parent)

    @property
    def sees_content(self) -> bool:
        return self.level >= Need.CONTENT


# --- consent -------------------------------------------------------------------------------


def valid_consents(today: date | None = None) -> QuerySet[Consent]:
    """Consents that run today and cover the timeline (without it a consent shows nothing)."""
    today = today or timezone.localdate()
    return Consent.objects.filter(
        withdrawn_at__isnull=True, valid_from__lte=today, valid_until__gte=today, timeline=True
    )


def _covers(user, **participant) -> Q:
    """For a Consent queryset: given for this participant, or for an organisation of `user`."""
    return Q(**participant) | Q(organisation__memberships__user=user)


def covering_consents(case, participant, user, scope: Scope = Scope.TIMELINE) -> QuerySet:
    """The valid consents in `case` that cover `participant`, or an organisation `user` belongs
    to, for `scope`. The arguments may be values or OuterRef()s, so this one rule serves a
    single case as well as a query over many."""
    return (
        valid_consents()
        .filter(case=case, **{scope.value: True})
        .filter(_covers(user, participant=participant))
    )


def _sees_content(scope: Scope = Scope.TIMELINE) -> Q:
    """For a Participant queryset: may this participant see the case's content (for scope)?"""
    consent = covering_consents(OuterRef("case"), OuterRef("pk"), OuterRef("user"), scope)
    return Q(role__in=PARENT_ROLES) | Q(case__is_anonymous=True) | Q(Exists(consent))


def participants_who_see(scope: Scope) -> QuerySet[Participant]:
    """Participants, in any case, who see its content as far as `scope` (for example the
    owners of agreements who may still be reminded of them)."""
    return Participant.objects.filter(user__is_active=True).filter(_sees_content(scope))


def consent_until(case: Case) -> dict[int, date]:
    """For each participant covered by a valid consent: the last day it runs."""
    last_day = covering_consents(OuterRef("case"), OuterRef("pk"), OuterRef("user"))
    last_day = last_day.order_by("-valid_until").values("valid_until")[:1]
    rows = case.participants.annotate(until=Subquery(last_day)).values_list("pk", "until")
    return {pk: until for pk, until in rows if until is not None}


# --- cases ---------------------------------------------------------------------------------


def _is_active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def cases_for(user, need: Need = Need.ADMIN, scope: Scope = Scope.TIMELINE) -> QuerySet[Case]:
    """The cases this person may open at `need`; for CONTENT also covered for `scope`."""
    if not _is_active(user):
        return Case.objects.none()
    if user.is_superuser:
        return Case.objects.all()
    participations = Participant.objects.filter(user=user, case=OuterRef("pk"))
    if need == Need.CONTENT:
        participations = participations.filter(_sees_content(scope))
    else:
        participations = participations.filter(Q(is_case_manager=True) | _sees_content())
    return Case.objects.filter(Exists(participations))


def accesses_for(user, cases: Iterable[Case]) -> dict[int, CaseAccess]:
    """How far this user may look into each of these cases, in two queries however many."""
    cases = list(cases)
    if not _is_active(user) or not cases:
        return {}
    participants = {p.case_id: p for p in Participant.objects.filter(user=user, case__in=cases)}
    if user.is_superuser:
        return {
            case.pk: CaseAccess(
                case, user, participants.get(case.pk), Need.CONTENT, "site admin", True
            )
            for case in cases
        }
    anonymous = {case.pk for case in cases if case.is_anonymous}
    needs_consent = [
        p for p in participants.values() if not p.is_parent and p.case_id not in anonymous
    ]
    consents: dict[int, list[Consent]] = {}
    if needs_consent:
        rows = valid_consents().filter(case__in=[p.case_id for p in needs_consent])
        rows = rows.filter(_covers(user, participant__in=needs_consent)).order_by("pk")
        for consent in rows.distinct():
            consents.setdefault(consent.case_id, []).append(consent)
    result = {}
    for case in cases:
        access = _access(case, user, participants.get(case.pk), consents.get(case.pk, []))
        if access is not None:
            result[case.pk] = access
    return result


def _access(case: Case, user, participant, consents: list[Consent]) -> CaseAccess | None:
    if participant is None:
        return None
    if participant.is_parent:
        return CaseAccess(case, user, participant, Need.CONTENT, "parent")
    if case.is_anonymous:
        return CaseAccess(case, user, participant, Need.CONTENT, "anonymous case")
    if consents:
        scopes = frozenset(
            scope for consent in consents for scope in Scope if getattr(consent, scope.value)
        )
        reason = f"consent {consents[0].pk}"
        return CaseAccess(case, user, participant, Need.CONTENT, reason, scopes=scopes)
    if participant.is_case_manager:
        return CaseAccess(case, user, participant, Need.ADMIN, "case manager without consent")
    return None


def access_to(user, case: Case) -> CaseAccess | None:
    """How far this user may look into this case, and why; None when not at all."""
    return accesses_for(user, [case]).get(case.pk)


def access_of_participant(participant: Participant) -> CaseAccess | None:
    """What a participant may see, as if they opened the case themselves (for a copy printed
    on their behalf, with or without an account of their own)."""
    case = participant.case
    user = participant.user
    if user is not None:
        access = access_to(user, case)
        return access if access is None or access.participant == participant else None
    consents = []
    if not participant.is_parent and not case.is_anonymous:
        consents = list(valid_consents().filter(case=case, participant=participant))
    return _access(case, None, participant, consents)


def may_start_case(user) -> bool:
    """Only professionals who belong to an organisation start cases (and so manage them); a
    site admin never takes part in a case."""
    from rondom.accounts.models import User

    return (
        _is_active(user)
        and user.kind == User.Kind.PROFESSIONAL
        and not (user.is_superuser or user.is_staff)
        and user.memberships.exists()
    )


# --- for views -------------------------------------------------------------------------------


def get_access(request, case_id: int, need: Need = Need.CONTENT) -> CaseAccess:
    """The case for this request's user, or a 404; the reason goes into the access log."""
    case = Case.objects.filter(pk=case_id).first()
    access = access_to(request.user, case) if case else None
    if access is None or access.level < need:
        raise Http404
    request.access_reason = access.reason
    return access


def get_access_to(request, case_id: int, scope: Scope) -> CaseAccess:
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


# --- cards -----------------------------------------------------------------------------------


def _sees_card(me: dict, is_site_admin: bool = False) -> Q:
    """For a Card queryset of cases whose content this person sees: which cards they may read.

    `me` picks the person's participant rows: {"user": user} across cases, or {"pk": id} for
    one participant without an account.
    """
    from rondom.timeline.models import Card

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


def visible_cards_for_user(user, deleted: bool = False) -> QuerySet["Card"]:
    """Across all cases: the cards this person may see. Deleted ones only when asked (undo)."""
    from rondom.timeline.models import Card

    if not _is_active(user):
        return Card.objects.none()
    cards = Card.objects.filter(
        case__in=cases_for(user, Need.CONTENT), deleted_at__isnull=not deleted
    )
    return cards.filter(_sees_card({"user": user}, user.is_superuser))


def visible_cards(access: CaseAccess, deleted: bool | None = False) -> QuerySet["Card"]:
    """The cards of this case the person may see; deleted ones only when asked (for undo),
    or alive and deleted together with `deleted=None`."""
    from rondom.timeline.models import Card

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


def may_edit_card(access: CaseAccess, card: "Card") -> bool:
    """Everyone edits their own cards; a case manager may correct any card they see."""
    if access.is_case_manager:
        return True
    return access.participant is not None and card.author_id == access.participant.pk


def sees_version(access: CaseAccess, revision: "CardRevision") -> bool:
    """May this person read the card as it was at this revision? A version written as a
    draft, or with limited access, is for those who could see it then."""
    me = access.participant.pk if access.participant else None
    if revision.draft:
        return me is not None and revision.author_id == me
    if revision.restricted_to is None:
        return True
    return access.is_case_manager or me == revision.author_id or me in revision.restricted_to


def visible_revisions(access: CaseAccess, revisions: Iterable["CardRevision"]) -> list:
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
            if not previous_seen:
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


# --- meetings and agreements -----------------------------------------------------------------


def visible_key_moments(
    access: CaseAccess, meeting: "Meeting | None" = None
) -> QuerySet["KeyMoment"]:
    """Key moments on cards this person may read, never on a draft (it is no longer shared);
    of one meeting, or of every meeting in the case."""
    from rondom.meetings.models import KeyMoment

    if not access.may(Scope.MEETINGS):
        return KeyMoment.objects.none()
    cards = visible_cards(access).filter(is_draft=False)
    moments = KeyMoment.objects.filter(meeting__case=access.case, card__in=cards)
    return moments.filter(meeting=meeting) if meeting is not None else moments


def visible_agreements(access: CaseAccess) -> QuerySet["Agreement"]:
    """The case's agreements, if the consent covers agreements."""
    from rondom.meetings.models import Agreement

    if not access.may(Scope.AGREEMENTS):
        return Agreement.objects.none()
    return Agreement.objects.filter(case=access.case)


def agreements_for_user(user) -> QuerySet["Agreement"]:
    """Across cases: the agreements this person may see."""
    from rondom.meetings.models import Agreement

    return Agreement.objects.filter(case__in=cases_for(user, Need.CONTENT, Scope.AGREEMENTS))


# --- children --------------------------------------------------------------------------------


def shows_date_of_birth(access: CaseAccess | None, child: Child) -> bool:
    """In an anonymous case the exact date of birth is for the case manager; others see the
    age. Without `access` (the command line) everything is shown."""
    if access is None or not child.case.is_anonymous:
        return True
    return bool(access.participant and access.participant.is_case_manager)


# --- live events -----------------------------------------------------------------------------


def may_receive(access: CaseAccess | None, event: dict) -> bool:
    """Whether a live event about this case may go to this person's open page."""
    if access is None or not access.sees_content:
        return False
    kind = event.get("kind")
    if kind == "card":
        return visible_cards(access).filter(pk=event.get("id")).exists()
    if kind == "agreement":
        return access.may(Scope.AGREEMENTS)
    if kind in ("note", "factor", "keymoment"):
        return access.may(Scope.MEETINGS)
    return False
