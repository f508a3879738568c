"""*Mijn afspraken* lists the network agreements a person follows up, next to the case ones."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rondom.networks.models import NetworkRole
from tests.conftest import make_user
from tests.networks.agreement_world import MARKER, agreement, build, client_for, today

MINE = reverse("caseload:my_agreements")


@pytest.fixture
def world(db):
    return build()


def page_of(user) -> str:
    response = client_for(user).get(MINE)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_owner_sees_their_own_with_date_overdue_sign_and_a_way_to_change_the_status(world):
    overdue = agreement(
        world.network, "Maandelijks overleg", owner_user=world.ib,
        due_on=today() - timedelta(days=1), source=(world.first, world.statements["share"]),
    )  # fmt: skip
    agreement(world.network, "Iets van Jeroen", owner_user=world.coach)
    html = page_of(world.ib)
    assert "Afspraken in het netwerk" in html
    assert "Maandelijks overleg" in html and "Wijk Test" in html
    assert overdue.due_on.strftime("%-d-%-m-%Y") in html
    assert '<span aria-hidden="true">⚠ </span>te laat</strong>' in html
    assert f"Samenwerkingsscan {world.first.label}" in html
    status = reverse("networks:agreement_status", args=[world.network.pk, overdue.pk])
    assert f'href="{status}?from=mine"' in html
    assert "Iets van Jeroen" not in html


@pytest.mark.django_db
def test_a_coordinator_also_sees_what_member_organisations_own_in_their_networks(world):
    agreement(world.network, "Voor het jeugdteam", owner_organisation=world.team)
    agreement(world.network, "Voor Inge zelf", owner_user=world.ib)
    html = page_of(world.coordinator)
    assert "Voor het jeugdteam" in html and "Jeugdteam Noord" in html
    assert "Voor Inge zelf" not in html
    # The organisation's own people do not follow it up here: its coordinator does.
    assert "Voor het jeugdteam" not in page_of(world.coach)


@pytest.mark.django_db
def test_another_networks_agreement_shows_only_to_its_owner_and_its_coordinators(world):
    """The school is a member of both networks; being in it shows nothing of Elders."""
    admin = make_user("admin@site.test", is_superuser=True, is_staff=True)
    co_coordinator = make_user("tweede@wijk.test")
    NetworkRole.objects.create(network=world.network, user=co_coordinator)
    for user in (world.coordinator, co_coordinator, world.ib, world.coach, world.outsider, admin):
        assert MARKER not in page_of(user), user
    assert MARKER in page_of(world.other_owner)
    elsewhere = page_of(world.other_coordinator)
    assert f"{MARKER} (school)" in elsewhere  # the school's agreement in their network
    assert f"{MARKER}</td>" not in elsewhere  # Otto's own is Otto's


@pytest.mark.django_db
def test_a_parent_and_someone_without_network_agreements_see_no_section(world, parent_user):
    for user in (parent_user, world.outsider):
        assert "Afspraken in het netwerk" not in page_of(user)


@pytest.mark.django_db
def test_the_page_costs_the_same_queries_for_1_and_20_agreements(
    world, django_assert_max_num_queries
):
    def add(n: int) -> None:
        agreement(world.network, f"Van mij {n}", owner_user=world.coordinator,
                  source=(world.second, world.statements["know"]))  # fmt: skip
        agreement(world.network, f"Van het team {n}", owner_organisation=world.team,
                  status="done", outcome="Gedaan")  # fmt: skip

    add(0)
    client = client_for(world.coordinator)
    client.get(MINE)  # the session and its caches settle on the first visit
    with CaptureQueriesContext(connection) as one:
        assert "Van mij 0" in client.get(MINE).content.decode()
    for n in range(1, 20):
        add(n)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get(MINE).content.decode()
    assert html.count('cell">Van mij ') == 20 and html.count('cell">Van het team ') == 20
