"""Closing a case after filing it, and handling a parent's request to erase the family's data."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rondom.cases.access import Need, access_or_404, manager_access_or_403
from rondom.cases.models import ErasureRequest
from rondom.cases.retention import close_case, erase_case, reopen_case
from rondom.core.mail import site_context
from rondom.core.text import PlainTextMixin


class CloseForm(PlainTextMixin, forms.Form):
    filed_in = forms.CharField(
        label=gettext_lazy("filed in"),
        max_length=300,
        help_text=gettext_lazy(
            "Name the dossiers in which the timeline and the agreements have been filed."
        ),
    )


@login_required
def case_close(request, case_id: int):
    case = manager_access_or_403(request, case_id).case
    form = CloseForm(request.POST or None, initial={"filed_in": case.filed_in})
    if request.method == "POST" and form.is_valid():
        close_case(case, request.user, form.cleaned_data["filed_in"])
        messages.success(request, _("The case is closed."))
        return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/close.html", {"case": case, "form": form})


@login_required
@require_POST
def case_reopen(request, case_id: int):
    reopen_case(manager_access_or_403(request, case_id).case)
    return redirect("cases:detail", case_id=case_id)


@login_required
@require_POST
def erasure_request(request, case_id: int):
    access = access_or_404(request, case_id, Need.CASE)
    if not access.is_parent:
        raise PermissionDenied
    ErasureRequest.objects.create(
        case_id_number=access.case.pk,
        requested_by=request.user,
        reason=request.POST.get("reason", "")[:500],
    )
    messages.success(request, _("Your request has been sent to the case manager."))
    return redirect("cases:detail", case_id=case_id)


@login_required
@require_POST
def erasure_handle(request, case_id: int, request_id: int):
    case = manager_access_or_403(request, case_id).case
    pending = ErasureRequest.objects.filter(
        pk=request_id, case_id_number=case.pk, handled_at__isnull=True
    ).first()
    if pending is None:
        raise Http404
    erase = request.POST.get("decision") == "erase"
    explanation = request.POST.get("explanation", "")[:500]
    if not erase and not explanation:
        messages.error(request, _("Explain to the parent why the data cannot be erased yet."))
        return redirect("cases:detail", case_id=case.pk)
    pending.handled_by = request.user
    pending.handled_at = timezone.now()
    pending.outcome = ErasureRequest.Outcome.ERASED if erase else ErasureRequest.Outcome.REFUSED
    pending.explanation = explanation
    pending.save()
    if pending.requested_by:
        answer = (
            _("Your family's data has been erased.")
            if erase
            else _("Your data has not been erased yet. The reason: %(why)s") % {"why": explanation}
        )
        body = render_to_string("email/message.txt", {"text": answer, **site_context()})
        send_mail(
            _("Your request to erase data in %(site)s") % {"site": settings.SITE_NAME},
            body.strip() + "\n",
            None,
            [pending.requested_by.email],
        )
    if erase:
        erase_case(case, request.user, f"erasure request {pending.pk}")
        messages.success(request, _("The case and everything in it have been erased."))
        return redirect("caseload:cases")
    return redirect("cases:detail", case_id=case.pk)
