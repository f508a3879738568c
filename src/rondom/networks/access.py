"""Who may look at a network, and which cases count in it.

A network's coordinators (and site admins) see its figures; anyone else gets a 404, so they
cannot tell the network exists. Which cases may be counted at all is the case policy's
business (`rondom.cases.access.cases_in_figures`); this module only adds the network's area.
"""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from rondom.cases.access import cases_in_figures, is_active
from rondom.cases.models import Case, Participant

from .models import DEFAULT_MIN_CELL, Network, NetworkRole


def networks_for(user) -> QuerySet[Network]:
    """The networks this person coordinates; a site admin sees them all."""
    if not is_active(user):
        return Network.objects.none()
    if user.is_superuser:
        return Network.objects.all()
    return Network.objects.filter(
        roles__user=user, roles__role=NetworkRole.Role.COORDINATOR
    ).distinct()


def get_network_for(user, network_id: int) -> Network:
    """The network, if this person coordinates it; otherwise a 404."""
    network = networks_for(user).filter(pk=network_id).first()
    if network is None:
        raise Http404
    return network


def is_coordinator(user) -> bool:
    return networks_for(user).exists()


def cases_of_organisations(organisations) -> QuerySet[Case]:
    """Cases with a case manager whose account belongs to one of these organisations."""
    managers = Participant.objects.filter(
        case=OuterRef("pk"),
        is_case_manager=True,
        user__memberships__organisation__in=organisations,
    )
    return Case.objects.filter(Exists(managers))


def cases_in_network(network: Network) -> QuerySet[Case]:
    """The cases that count in the network's figures: in its area, and allowed to count."""
    cases = cases_in_figures().filter(
        pk__in=cases_of_organisations(network.organisations.all()).values("pk")
    )
    if network.anonymous_only:
        cases = cases.filter(is_anonymous=True)
    return cases


def min_cell_of(network: Network) -> int:
    """The smallest number the network's figures show; never below 10 where named cases count,
    whatever the stored setting says."""
    if network.anonymous_only:
        return max(1, network.min_cell)
    return max(DEFAULT_MIN_CELL, network.min_cell)


# The header shows *Netwerken* only to coordinators and site admins. Whether someone
# coordinates is looked up once, at login, and kept in the session, so that no page pays a
# query for its menu; the list of networks refreshes it.
COORDINATOR_SESSION_KEY = "rondom_coordinates_networks"


def remember_coordinator(request, coordinates: bool) -> None:
    request.session[COORDINATOR_SESSION_KEY] = coordinates


def remember_at_login(sender, request, user, **kwargs) -> None:
    """Connected to `user_logged_in` (see apps.py)."""
    if request is not None and hasattr(request, "session"):
        remember_coordinator(request, is_coordinator(user))
