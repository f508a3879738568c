"""Who may see a round: the coordinators of its network (and site admins), no one else.

Nobody gets to an individual's answers through here: these helpers give rounds, and the
results are sums (see `rondom.scan.results`). Respondents reach their own answers only
through their key (`rondom.scan.respondents`).
"""

from django.db.models import QuerySet
from django.http import Http404

from rondom.networks.access import get_network_for, networks_for

from .models import Round


def rounds_for(user) -> QuerySet[Round]:
    """The rounds of the networks this person coordinates."""
    return Round.objects.filter(network__in=networks_for(user)).select_related(
        "network", "instrument"
    )


def get_round_for(user, network_id: int, round_id: int) -> Round:
    """The round, if it belongs to this network and this person coordinates it; else a 404."""
    network = get_network_for(user, network_id)
    found = rounds_for(user).filter(network=network, pk=round_id).first()
    if found is None:
        raise Http404
    return found
