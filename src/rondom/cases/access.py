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

This module is the foundation of the policy. What lies within a case builds on it, next to
its own models: cards and their history in `rondom.timeline.access`, key moments and
agreements in `rondom.meetings.access`, live events in `rondom.live.access`. Every case view,
API endpoint, print, export and stream asks these. Each rule is written once, as a query
builder that serves one case as well as many.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from .models import PARENT_ROLES, Case, Child, Consent, FiguresConsent, Participant


class Need(IntEnum):
    CASE = 1  # the case itself: its page, its people and consents
    CONTENT = 2  # what happened around the child: the timeline, cards, school career


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


def cases_in_figures() -> QuerySet[Case]:
    """The cases that may be counted in figures across cases: anonymous ones, and named ones
    while a parent's consent for figures runs. Withdrawing it takes the case out at once."""
    running = FiguresConsent.objects.filter(case=OuterRef("pk"), withdrawn_at__isnull=True)
    return Case.objects.filter(Q(is_anonymous=True) | Q(Exists(running)))


# --- cases ---------------------------------------------------------------------------------


def is_active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def cases_for(user, need: Need = Need.CASE, scope: Scope = Scope.TIMELINE) -> QuerySet[Case]:
    """The cases this person may open at `need`; for CONTENT also covered for `scope`."""
    if not is_active(user):
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
    if not is_active(user) or not cases:
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
        return CaseAccess(case, user, participant, Need.CASE, "case manager without consent")
    return None


def access_for(user, case: Case) -> CaseAccess | None:
    """How far this user may look into this case, and why; None when not at all."""
    return accesses_for(user, [case]).get(case.pk)


def access_of_participant(participant: Participant) -> CaseAccess | None:
    """What a participant may see, as if they opened the case themselves (for a copy printed
    on their behalf, with or without an account of their own)."""
    case = participant.case
    user = participant.user
    if user is not None:
        access = access_for(user, case)
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
        is_active(user)
        and user.kind == User.Kind.PROFESSIONAL
        and not (user.is_superuser or user.is_staff)
        and user.memberships.exists()
    )


# --- for views -------------------------------------------------------------------------------


def access_or_404(request, case_id: int, need: Need = Need.CONTENT) -> CaseAccess:
    """The case for this request's user, or a 404; the reason goes into the access log."""
    case = Case.objects.filter(pk=case_id).first()
    access = access_for(request.user, case) if case else None
    if access is None or access.level < need:
        raise Http404
    request.access_reason = access.reason
    return access


def scoped_access_or_404(request, case_id: int, scope: Scope) -> CaseAccess:
    """For meetings and agreements: the consent must cover them too, else a 404."""
    access = access_or_404(request, case_id, Need.CONTENT)
    if not access.may(scope):
        raise Http404
    return access


def manager_access_or_403(request, case_id: int) -> CaseAccess:
    """For changes only a case manager may make; other participants get a 403."""
    access = access_or_404(request, case_id, Need.CASE)
    if not access.is_case_manager:
        raise PermissionDenied
    return access


def family_access_or_403(request, case_id: int, need: Need) -> CaseAccess:
    """For what is the family's own (its access log, its copy of the data): parents and case
    managers; other participants get a 403."""
    access = access_or_404(request, case_id, need)
    if not (access.is_parent or access.is_case_manager):
        raise PermissionDenied
    return access


# --- children --------------------------------------------------------------------------------


def shows_date_of_birth(access: CaseAccess | None, child: Child) -> bool:
    """In an anonymous case the exact date of birth is for the case manager; others see the
    age. Without `access` (the command line) everything is shown."""
    if access is None or not child.case.is_anonymous:
        return True
    return bool(access.participant and access.participant.is_case_manager)
