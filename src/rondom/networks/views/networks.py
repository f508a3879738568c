"""A network's coordinators look after it in the app: its member organisations and *k*.

Everyone else gets a 404 on every address, so nobody learns that a network exists. Site admins
create networks and name coordinators in the Django admin (or with `rondom create_network`).
Each change goes into the access log, without a case, with the network as its grounds.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rondom.audit.log import record

from ..access import get_network_for, networks_for, remember_coordinator
from ..agreements import summary
from ..forms import AddMemberForm, NetworkSettingsForm
from ..models import Network, NetworkMember, NetworkRole


def _log(request: HttpRequest, network: Network, action: str) -> None:
    record(request.user, f"network:{action}", reason=f"network {network.pk}")


@login_required
def network_list(request: HttpRequest) -> HttpResponse:
    networks = list(networks_for(request.user))
    remember_coordinator(request, bool(networks))
    if not networks:
        raise Http404
    return render(request, "networks/network_list.html", {"networks": networks})


def _page(request: HttpRequest, network: Network, **forms) -> HttpResponse:
    site_admin = request.user.is_superuser
    context = {
        "network": network,
        "members": network.members.select_related("organisation"),
        "coordinators": network.roles.filter(role=NetworkRole.Role.COORDINATOR)
        .select_related("user")
        .order_by("user__last_name", "user__email"),
        "add_form": forms.get("add_form") or AddMemberForm(network=network),
        "settings_form": forms.get("settings_form")
        or NetworkSettingsForm(instance=network, site_admin=site_admin),
        "site_admin": site_admin,
        "agreements_summary": summary(network, timezone.localdate()),
    }
    return render(request, "networks/network_detail.html", context, status=forms.get("status", 200))


@login_required
def network_detail(request: HttpRequest, network_id: int) -> HttpResponse:
    return _page(request, get_network_for(request.user, network_id))


@login_required
@require_POST
def member_add(request: HttpRequest, network_id: int) -> HttpResponse:
    network = get_network_for(request.user, network_id)
    form = AddMemberForm(request.POST, network=network)
    if not form.is_valid():
        return _page(request, network, add_form=form, status=422)
    organisation = form.cleaned_data["organisation"]
    NetworkMember.objects.create(network=network, organisation=organisation, added_by=request.user)
    _log(request, network, f"member_add organisation {organisation.pk}")
    messages.success(
        request, _("%(organisation)s is now a member.") % {"organisation": organisation.name}
    )
    return redirect("networks:detail", network_id=network.pk)


def _member(request: HttpRequest, network_id: int, member_id: int) -> NetworkMember:
    network = get_network_for(request.user, network_id)
    member = network.members.select_related("organisation", "network").filter(pk=member_id).first()
    if member is None:
        raise Http404
    return member


@login_required
def member_remove(request: HttpRequest, network_id: int, member_id: int) -> HttpResponse:
    """Removing takes the organisation's cases out of the network's figures, so it is asked
    for once more; only a confirmed POST removes."""
    member = _member(request, network_id, member_id)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        organisation = member.organisation
        member.delete()
        _log(request, member.network, f"member_remove organisation {organisation.pk}")
        messages.success(
            request,
            _("%(organisation)s is no longer a member.") % {"organisation": organisation.name},
        )
        return redirect("networks:detail", network_id=network_id)
    return render(request, "networks/member_remove.html", {"member": member})


@login_required
@require_POST
def network_settings(request: HttpRequest, network_id: int) -> HttpResponse:
    network = get_network_for(request.user, network_id)
    before = (network.min_cell, network.anonymous_only)
    form = NetworkSettingsForm(request.POST, instance=network, site_admin=request.user.is_superuser)
    if not form.is_valid():
        network.refresh_from_db()
        return _page(request, network, settings_form=form, status=422)
    network = form.save()
    if (network.min_cell, network.anonymous_only) != before:
        only = "yes" if network.anonymous_only else "no"
        _log(request, network, f"settings min_cell {network.min_cell} anonymous_only {only}")
        messages.success(request, _("The settings of the network are saved."))
    return redirect("networks:detail", network_id=network.pk)
