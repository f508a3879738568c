"""What the tests of rounds, invitations and answering share: a network with its
coordinator, a round, and people invited to it the way a coordinator invites them."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from rondom.accounts.models import Organisation, User
from rondom.networks.models import Network, NetworkMember, NetworkRole
from rondom.scan.invitations import invite
from rondom.scan.models import Instrument, Invitation, Round, Statement
from rondom.scan.respondents import link_token
from tests.conftest import make_user

# The fixtures, which a test module takes in with `from .rounds_setup import *`.
__all__ = ["coordinator", "network", "other_coordinator", "round"]

NETWORK_NAME = "Netwerk Wijk Oost"


@pytest.fixture
def network(manager) -> Network:
    network = Network.objects.create(name=NETWORK_NAME)
    school = Organisation.objects.get(memberships__user=manager)
    NetworkMember.objects.create(network=network, organisation=school)
    return network


@pytest.fixture
def coordinator(network) -> User:
    user = make_user("coordinator@oost.test", first_name="Carla", last_name="Mulder")
    NetworkRole.objects.create(network=network, user=user)
    return user


@pytest.fixture
def other_coordinator(db) -> User:
    """The coordinator of another network, who must learn nothing of this one."""
    user = make_user("coordinator@elders.test")
    NetworkRole.objects.create(network=Network.objects.create(name="Netwerk Elders"), user=user)
    return user


@pytest.fixture
def round(network, coordinator) -> Round:
    """A round of the whole network that opened yesterday and closes in ten days."""
    return make_round(network, coordinator)


def make_round(network, by, opens_in: int = -1, closes_in: int = 10, team: str = "") -> Round:
    today = timezone.localdate()
    return Round.objects.create(
        network=network,
        team=team,
        instrument=Instrument.current(),
        opens_on=today + timedelta(days=opens_in),
        closes_on=today + timedelta(days=closes_in),
        created_by=by,
    )


def own_statement(network, text: str, audience="professional", level="relations") -> Statement:
    statement = Statement.objects.create(
        network=network, audience=audience, level=level, code="own", position=100, text=text
    )
    statement.code = f"own-{statement.pk}"
    statement.save()
    return statement


def invite_one(round: Round, email: str, sector: str = "school", by=None) -> tuple[Invitation, str]:
    """An invitation as the invite page makes it, and its personal link's secret."""
    [invitation] = invite(round, [(email, sector)], by or round.created_by).made
    return invitation, link_token(invitation.pk)


def client_for(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
