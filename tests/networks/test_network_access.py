"""Which cases count in a network, who may look at it, and how small a figure it may show."""

import pytest
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from rondom.accounts.models import Organisation
from rondom.cases.models import FiguresConsent
from rondom.networks.access import cases_in_network, get_network_for, min_cell_of, networks_for
from rondom.networks.models import Network, NetworkMember, NetworkRole
from tests.conftest import make_user


@pytest.fixture
def network(manager):
    school = Organisation.objects.get(memberships__user=manager)
    network = Network.objects.create(name="Wijk Test")
    NetworkMember.objects.create(network=network, organisation=school)
    return network


def test_a_named_case_counts_only_while_a_parent_consents_to_figures(story, network):
    case = story["case"]
    assert not case.is_anonymous
    assert list(cases_in_network(network)) == []

    consent = FiguresConsent.objects.create(case=case, given_by=story["parent"])
    assert list(cases_in_network(network)) == [case]

    consent.withdrawn_at = timezone.now()
    consent.save()
    assert list(cases_in_network(network)) == []


def test_an_anonymous_case_counts_where_its_case_manager_works(story, other_story, network):
    for case in (story["case"], other_story["case"]):
        case.is_anonymous = True
        case.save()
    # The other case's manager belongs to no member organisation.
    assert list(cases_in_network(network)) == [story["case"]]
    network.members.all().delete()
    assert list(cases_in_network(network)) == []


def test_only_a_coordinator_or_a_site_admin_sees_a_network(network, manager, outsider):
    coordinator = make_user("coordinator@net.test")
    NetworkRole.objects.create(network=network, user=coordinator)
    admin = make_user("admin@net.test", is_superuser=True)

    assert list(networks_for(coordinator)) == [network]
    assert list(networks_for(admin)) == [network]
    for stranger in (manager, outsider):
        assert list(networks_for(stranger)) == []
        with pytest.raises(Http404):
            get_network_for(stranger, network.pk)
    assert get_network_for(coordinator, network.pk) == network


def test_only_an_anonymous_only_network_shows_figures_below_ten(network):
    network.min_cell = 3
    with pytest.raises(IntegrityError), transaction.atomic():
        network.save()

    network.refresh_from_db()
    network.anonymous_only, network.min_cell = True, 3
    network.save()
    assert min_cell_of(network) == 3

    # Should the flag be switched off by hand, the figures still keep to ten.
    Network.objects.filter(pk=network.pk).update(anonymous_only=False, min_cell=10)
    network.refresh_from_db()
    network.min_cell = 3
    assert min_cell_of(network) == 10
