"""The one access policy for case data.

A person sees a case only as one of its participants (linked by account); site admins see all.
Everything else gets a 404, so that an outsider cannot even tell whether a case exists.
Every case view and API endpoint fetches its case through this module.
"""

from django.db.models import QuerySet
from django.http import Http404

from .models import Case, Child, Participant


def cases_for(user) -> QuerySet[Case]:
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    if user.is_superuser:
        return Case.objects.all()
    return Case.objects.filter(participants__user=user).distinct()


def get_case_for(user, case_id: int) -> Case:
    case = cases_for(user).filter(pk=case_id).first()
    if case is None:
        raise Http404
    return case


def get_child_for(user, case_id: int, child_id: int) -> Child:
    case = get_case_for(user, case_id)
    child = case.children.filter(pk=child_id).select_related("case").first()
    if child is None:
        raise Http404
    return child


def participant_for(user, case: Case) -> Participant | None:
    """The participant record of this user in this case, if any (site admins may have none)."""
    if not user.is_authenticated:
        return None
    return case.participants.filter(user=user).first()
