"""The access policy for meetings: key moments and agreements, on top of the case rule in
`rondom.cases.access` (the consent must cover meetings, or agreements) and the card rule in
`rondom.timeline.access` (a key moment shows only on a card the person may read)."""

from django.db.models import QuerySet

from rondom.cases.access import CaseAccess, Need, Scope, cases_for
from rondom.timeline.access import visible_cards

from .models import Agreement, KeyMoment, Meeting


def visible_key_moments(access: CaseAccess, meeting: Meeting | None = None) -> QuerySet[KeyMoment]:
    """Key moments on cards this person may read, never on a draft (it is no longer shared);
    of one meeting, or of every meeting in the case."""
    if not access.may(Scope.MEETINGS):
        return KeyMoment.objects.none()
    cards = visible_cards(access).filter(is_draft=False)
    moments = KeyMoment.objects.filter(meeting__case=access.case, card__in=cards)
    return moments.filter(meeting=meeting) if meeting is not None else moments


def visible_agreements(access: CaseAccess) -> QuerySet[Agreement]:
    """The case's agreements, if the consent covers agreements."""
    if not access.may(Scope.AGREEMENTS):
        return Agreement.objects.none()
    return Agreement.objects.filter(case=access.case)


def agreements_for_user(user) -> QuerySet[Agreement]:
    """Across cases: the agreements this person may see."""
    return Agreement.objects.filter(case__in=cases_for(user, Need.CONTENT, Scope.AGREEMENTS))
