"""Recording and withdrawing a parent's consent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rondom.cases.access import Need, access_or_404, consent_until
from rondom.cases.forms import ConsentForm


def _consent_access(request, case_id: int):
    """Parents and case managers handle consent; other participants only read it."""
    access = access_or_404(request, case_id, Need.CASE)
    return access, access.is_parent or access.is_case_manager


@login_required
def consent_list(request, case_id: int):
    access, may_record = _consent_access(request, case_id)
    case = access.case
    form = None
    if may_record:
        given_by = access.participant if access.is_parent else None
        form = ConsentForm(request.POST or None, case=case, given_by=given_by)
        if request.method == "POST" and form.is_valid():
            consent = form.save(commit=False)
            consent.case = case
            consent.recorded_by = request.user
            consent.save()
            messages.success(request, _("The consent has been recorded."))
            return redirect("cases:consent", case_id=case.pk)
    elif request.method == "POST":
        raise PermissionDenied
    consents = case.consents.select_related(
        "given_by", "participant", "organisation", "recorded_by", "withdrawn_by"
    )
    return render(
        request,
        "cases/consent.html",
        {
            "access": access,
            "case": case,
            "consents": consents,
            "form": form,
            "until": consent_until(case),
            "participants": case.participants.all(),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def consent_withdraw(request, case_id: int, consent_id: int):
    access, may_record = _consent_access(request, case_id)
    if not may_record:
        raise PermissionDenied
    consent = access.case.consents.filter(pk=consent_id, withdrawn_at__isnull=True).first()
    if consent is None:
        raise Http404
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = request.user
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    messages.success(request, _("The consent has been withdrawn. It stops at once."))
    return redirect("cases:consent", case_id=case_id)
