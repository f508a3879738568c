"""The access policy, as DRF permissions: every object is checked against the case it is in.

Reading needs the case's content (else 404, so nobody learns the object exists). Creating
inside a case is checked against that case, as if the case were the object.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.permissions import SAFE_METHODS, BasePermission

from rondom.career.models import SchoolPeriod
from rondom.cases.access import access_for, may_start_case
from rondom.cases.models import Case
from rondom.help.access import may_add_question, may_change_question
from rondom.timeline.access import may_edit_card


def case_of(obj) -> Case:
    if isinstance(obj, Case):
        return obj
    if isinstance(obj, SchoolPeriod):
        return obj.child.case
    return obj.case


class SeesCaseContent(BasePermission):
    """Whoever sees the case's content; the access found is kept on the request."""

    def has_object_permission(self, request, view, obj) -> bool:
        access = access_for(request.user, case_of(obj))
        if access is None or not access.sees_content:
            raise NotFound
        request.case_access = access
        return True


class CaseManagersChange(BasePermission):
    message = _("Only a case manager may do this.")

    def has_object_permission(self, request, view, obj) -> bool:
        return request.method in SAFE_METHODS or request.case_access.is_case_manager


class AuthorsChangeTheirCards(BasePermission):
    """Everyone adds cards; a card is changed by its author or a case manager."""

    message = _("You can only change your own cards.")

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS or isinstance(obj, Case):
            return True
        return may_edit_card(request.case_access, obj)


class RaisersChangeQuestions(BasePermission):
    """Everyone in the case adds questions; one is changed by who raised it or wrote it down,
    and by the case manager (see `rondom.help.access`)."""

    message = _("Only who raised this question, or the case manager, may change it.")

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if isinstance(obj, Case):
            return may_add_question(request.case_access)
        return may_change_question(request.case_access, obj)


class ProfessionalsStartCases(BasePermission):
    message = _("Only professionals who belong to an organisation start a case.")

    def has_permission(self, request, view) -> bool:
        return view.action != "create" or may_start_case(request.user)
