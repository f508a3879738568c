"""A network's agreements: who may own one, who may see and change one, and where it came from.

The samenwerkingsscan (and later the monitor) makes network agreements. This module knows
nothing of them: a component that makes agreements tells it, with `add_origin`, which
relation to load along with an agreement and how to say where the agreement came from.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, IntegerField, Min, Q, QuerySet, Value, When
from django.http import Http404

from rondom.accounts.models import Organisation, User
from rondom.audit.log import record
from rondom.cases.access import is_active

from .access import get_network_for, networks_for
from .models import Network, NetworkAgreement, NetworkRole

OPEN = NetworkAgreement.Status.OPEN


@dataclass(frozen=True)
class Origin:
    related: tuple[str, ...]  # relations to select with each agreement, so a list costs one query
    describe: Callable[[NetworkAgreement], str | None]  # None: the agreement is not from here


_origins: dict[str, Origin] = {}


def add_origin(
    name: str, related: Iterable[str], describe: Callable[[NetworkAgreement], str | None]
) -> None:
    """Register, in an AppConfig.ready(), a place agreements are made from."""
    _origins[name] = Origin(tuple(related), describe)


def with_origins(agreements: QuerySet[NetworkAgreement]) -> QuerySet[NetworkAgreement]:
    """The agreements with their owners and everything their origins need, in the same query."""
    related = [path for origin in _origins.values() for path in origin.related]
    return agreements.select_related("network", "owner_user", "owner_organisation", *related)


def origin_of(agreement: NetworkAgreement) -> str:
    """Where the agreement came from, in a few words; empty when nothing says."""
    for origin in _origins.values():
        if said := origin.describe(agreement):
            return said
    return ""


# Who may own an agreement.


def people_for(network: Network) -> QuerySet[User]:
    """The network's coordinators and the accounts of its member organisations."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(network_roles__network=network, network_roles__role=NetworkRole.Role.COORDINATOR)
            | Q(memberships__organisation__networks=network)
        )
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def organisations_for(network: Network) -> QuerySet[Organisation]:
    return network.organisations.order_by("name")


# Who may see and change an agreement.


def agreements_of(network: Network) -> QuerySet[NetworkAgreement]:
    return with_origins(network.agreements.all())


def get_agreement_for_coordinator(user, network_id: int, agreement_id: int) -> NetworkAgreement:
    """An agreement of a network this person coordinates (or any, for a site admin); else 404."""
    network = get_network_for(user, network_id)
    found = agreements_of(network).filter(pk=agreement_id).first()
    if found is None:
        raise Http404
    return found


def get_agreement_for_status(user, network_id: int, agreement_id: int) -> NetworkAgreement:
    """An agreement this person may mark done or dropped: as a coordinator of its network, or
    as the person who owns it. Anyone else gets a 404."""
    if not is_active(user):
        raise Http404
    mine = Q(owner_user=user) | Q(network__in=networks_for(user))
    network = Network.objects.filter(pk=network_id)  # by primary key: a huge id finds nothing
    agreements = NetworkAgreement.objects.filter(mine, pk=agreement_id, network__in=network)
    found = with_origins(agreements).first()
    if found is None:
        raise Http404
    return found


def agreements_to_follow(user) -> QuerySet[NetworkAgreement]:
    """For *Mijn afspraken*: the agreements this person owns, and the organisations' agreements
    in the networks they coordinate. Open ones first, by date.

    A site admin is not a coordinator of every network here: this is a personal list.
    """
    if not is_active(user):
        return NetworkAgreement.objects.none()
    coordinated = NetworkRole.objects.filter(user=user, role=NetworkRole.Role.COORDINATOR)
    agreements = NetworkAgreement.objects.filter(
        Q(owner_user=user)
        | Q(owner_organisation__isnull=False, network__in=coordinated.values("network"))
    )
    still_open = Case(
        When(status=OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return with_origins(agreements).order_by(still_open, "due_on", "pk")


def summary(network: Network, today: date) -> dict:
    """The coordinator's overview in one query: how many are open and overdue, and the next date."""
    is_open = Q(status=OPEN)
    return network.agreements.aggregate(
        open=Count("pk", filter=is_open),
        overdue=Count("pk", filter=is_open & Q(due_on__lt=today)),
        next_due=Min("due_on", filter=is_open & Q(due_on__gte=today)),
        closed=Count("pk", filter=~is_open),
    )


def log(user, network_id: int, action: str, agreement: NetworkAgreement, detail: str = "") -> None:
    """An access-log line without a case, with the network as its grounds."""
    line = f"network:agreement_{action} agreement {agreement.pk} {detail}".strip()
    record(user, line, reason=f"network {network_id}")
