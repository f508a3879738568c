from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rondom.cases.access import (
    Need,
    access_or_404,
    consent_until,
    manager_access_or_403,
    may_start_case,
    valid_consents,
)
from rondom.cases.forms import CaseForm
from rondom.cases.models import ErasureRequest
from rondom.cases.retention import purge_deadline
from rondom.cases.services import start_case


@login_required
def case_create(request):
    if not may_start_case(request.user):
        raise PermissionDenied
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = start_case(form.cleaned_data["title"], request.user)
        return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/case_form.html", {"form": form})


@login_required
def case_detail(request, case_id: int):
    access = access_or_404(request, case_id, Need.CASE)
    case = access.case
    return render(
        request,
        "cases/case_detail.html",
        {
            "access": access,
            "case": case,
            "children": case.children.all(),
            "participants": case.participants.select_related("user"),
            "until": consent_until(case),
            "purge_on": purge_deadline(case),
            "erasure_requests": ErasureRequest.objects.filter(
                case_id_number=case.pk, handled_at__isnull=True
            ).select_related("requested_by"),
        },
    )


@login_required
def case_edit(request, case_id: int):
    case = manager_access_or_403(request, case_id).case
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid() and form.save_if_current():
        return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "case": case})


@login_required
@require_POST
def case_make_named(request, case_id: int):
    """An anonymous case gets names only once a parent's consent is on record."""
    case = manager_access_or_403(request, case_id).case
    if not valid_consents().filter(case=case).exists():
        messages.error(request, _("Record a parent's consent first; then the case can use names."))
    else:
        case.is_anonymous = False
        case.save(update_fields=["is_anonymous", "updated_at"])
        messages.success(request, _("The case now uses names."))
    return redirect("cases:detail", case_id=case.pk)
