"""A network's agreements, followed up by its coordinators: the list, changing one, its status.

The coordinators (and site admins) see and change every agreement of the network. Someone
who owns an agreement without coordinating reaches only its status page, from *Mijn
afspraken*; every other address answers 404 to them, as to everyone else.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import get_network_for, networks_for
from ..agreements import (
    agreements_of,
    get_agreement_for_coordinator,
    get_agreement_for_status,
    log,
    summary,
)
from ..forms import AgreementStatusForm, NetworkAgreementForm
from ..models import NetworkAgreement

# Where the status page goes back to: the personal list, or the network's.
FROM_MINE = "mine"


def _decided(agreement: NetworkAgreement) -> float:
    """When its status was set; one without that moment (made so elsewhere) comes last."""
    return agreement.status_set_at.timestamp() if agreement.status_set_at else float("-inf")


@login_required
def agreement_list(request: HttpRequest, network_id: int) -> HttpResponse:
    network = get_network_for(request.user, network_id)
    today = timezone.localdate()
    groups = {status: [] for status in NetworkAgreement.Status}
    for agreement in agreements_of(network).select_related("status_set_by"):
        groups[agreement.status].append(agreement)
    # The latest decisions first; what is still open by its date.
    for status in (NetworkAgreement.Status.DONE, NetworkAgreement.Status.DROPPED):
        groups[status].sort(key=_decided, reverse=True)
    context = {
        "network": network,
        "summary": summary(network, today),
        "open": groups[NetworkAgreement.Status.OPEN],
        "done": groups[NetworkAgreement.Status.DONE],
        "dropped": groups[NetworkAgreement.Status.DROPPED],
    }
    return render(request, "networks/agreement_list.html", context)


@login_required
def agreement_edit(request: HttpRequest, network_id: int, agreement_id: int) -> HttpResponse:
    agreement = get_agreement_for_coordinator(request.user, network_id, agreement_id)
    network = agreement.network
    today = timezone.localdate()
    if request.method != "POST":
        form = NetworkAgreementForm(instance=agreement, network=network, today=today)
        return render(
            request, "networks/agreement_edit.html", {"form": form, "agreement": agreement}
        )
    form = NetworkAgreementForm(request.POST, instance=agreement, network=network, today=today)
    valid = form.is_valid()
    if valid and form.save_if_current():
        log(request.user, network.pk, "edit", agreement)
        messages.success(request, _("The agreement is saved."))
        return redirect("networks:agreements", network_id=network.pk)
    # Refused: invalid input, or someone else saved first (the form then says what they saved).
    status = 409 if valid else 422
    context = {"form": form, "agreement": NetworkAgreement.objects.get(pk=agreement.pk)}
    return render(request, "networks/agreement_edit.html", context, status=status)


@login_required
def agreement_status(request: HttpRequest, network_id: int, agreement_id: int) -> HttpResponse:
    agreement = get_agreement_for_status(request.user, network_id, agreement_id)
    coordinates = networks_for(request.user).filter(pk=network_id).exists()
    from_mine = request.GET.get("from") == FROM_MINE or not coordinates
    context = {"agreement": agreement, "coordinates": coordinates, "from_mine": from_mine}
    if request.method != "POST":
        context["form"] = AgreementStatusForm(instance=agreement)
        return render(request, "networks/agreement_status.html", context)
    before = agreement.status
    form = AgreementStatusForm(request.POST, instance=agreement)
    if form.is_valid():
        if form.instance.status != before:
            form.instance.status_set_by = request.user
            form.instance.status_set_at = timezone.now()
        if form.save_if_current():
            log(request.user, network_id, "status", agreement, agreement.status)
            messages.success(
                request,
                _("The agreement is now “%(status)s”.")
                % {"status": agreement.get_status_display()},
            )
            if from_mine:
                return redirect("caseload:my_agreements")
            return redirect("networks:agreements", network_id=network_id)
        context["status"] = 409
    context["form"] = form
    context["agreement"] = get_agreement_for_status(request.user, network_id, agreement_id)
    return render(
        request, "networks/agreement_status.html", context, status=context.pop("status", 422)
    )
