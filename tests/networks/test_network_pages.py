"""The coordinators' pages of a network: who may open them, and what a coordinator may change."""

import pytest
from django.test import Client
from django.urls import reverse

from rondom.accounts.models import Organisation, User
from rondom.audit.models import AuditEvent
from rondom.networks.models import Network, NetworkMember, NetworkRole
from tests.conftest import make_user

# A name nobody but the network's coordinators and site admins may ever see.
SECRET_NAME = "Netwerk Geheime Wijk"


@pytest.fixture
def school(manager) -> Organisation:
    return Organisation.objects.get(memberships__user=manager)


@pytest.fixture
def network(school) -> Network:
    network = Network.objects.create(name=SECRET_NAME)
    NetworkMember.objects.create(network=network, organisation=school)
    return network


@pytest.fixture
def coordinator(network) -> User:
    user = make_user("coordinator@wijk.test", first_name="Carla", last_name="Mulder")
    NetworkRole.objects.create(network=network, user=user)
    return user


@pytest.fixture
def other_coordinator(db) -> User:
    other = Network.objects.create(name="Netwerk Elders")
    user = make_user("coordinator@elders.test")
    NetworkRole.objects.create(network=other, user=user)
    return user


@pytest.fixture
def team() -> Organisation:
    return Organisation.objects.create(name="Jeugdteam Noord", kind="local_team")


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def addresses(network: Network) -> list[tuple[str, str]]:
    member = network.members.first()
    return [
        ("get", reverse("networks:detail", args=[network.pk])),
        ("get", reverse("networks:member_remove", args=[network.pk, member.pk])),
        ("post", reverse("networks:member_remove", args=[network.pk, member.pk])),
        ("post", reverse("networks:member_add", args=[network.pk])),
        ("post", reverse("networks:settings", args=[network.pk])),
    ]


@pytest.mark.django_db
def test_nobody_but_its_coordinators_and_site_admins_learns_the_network_exists(
    network, coordinator, other_coordinator, manager, outsider, parent_user, school, team
):
    before = (network.members.count(), Network.objects.get(pk=network.pk).min_cell)
    for stranger in (manager, outsider, parent_user, other_coordinator):
        client = client_for(stranger)
        for method, url in addresses(network):
            data = {"confirm": "yes", "organisation": team.pk, "min_cell": 20}
            response = getattr(client, method)(url, data)
            assert response.status_code == 404, (stranger.email, url)
            assert SECRET_NAME not in response.content.decode(), (stranger.email, url)
        listing = client.get(reverse("networks:list"))
        assert SECRET_NAME not in listing.content.decode()
        # Someone who coordinates nothing has no list of networks either.
        assert listing.status_code == (200 if stranger == other_coordinator else 404)
        assert SECRET_NAME not in client.get(reverse("caseload:cases")).content.decode()
    assert (network.members.count(), Network.objects.get(pk=network.pk).min_cell) == before
    assert not AuditEvent.objects.filter(action__startswith="network:").exists()

    anonymous = Client().get(reverse("networks:detail", args=[network.pk]))
    assert anonymous.status_code == 302 and SECRET_NAME not in anonymous.content.decode()


@pytest.mark.django_db
def test_the_coordinator_and_a_site_admin_see_the_network_its_members_and_coordinators(
    network, coordinator, other_coordinator, school
):
    admin = make_user("admin@site.test", is_superuser=True, is_staff=True)
    for user, sees_other in ((coordinator, False), (admin, True)):
        client = client_for(user)
        listing = client.get(reverse("networks:list")).content.decode()
        assert SECRET_NAME in listing and ("Netwerk Elders" in listing) == sees_other
        page = client.get(reverse("networks:detail", args=[network.pk])).content.decode()
        assert school.name in page and "Carla Mulder" in page and "coordinator@wijk.test" in page
        assert f'href="{reverse("insights:network", args=[network.pk])}"' in page


@pytest.mark.django_db
def test_the_menu_shows_netwerken_to_coordinators_and_site_admins_only(
    network, coordinator, manager, parent_user
):
    admin = make_user("admin@site.test", is_superuser=True, is_staff=True)
    link = f'href="{reverse("networks:list")}"'
    for user, shown in ((coordinator, True), (admin, True), (manager, False), (parent_user, False)):
        page = client_for(user).get(reverse("caseload:cases")).content.decode()
        assert (link in page) == shown, user.email
        if shown:
            assert ">Netwerken</a>" in page


@pytest.mark.django_db
def test_a_coordinator_adds_an_organisation_and_the_access_log_says_so(network, coordinator, team):
    client = client_for(coordinator)
    page = client.get(reverse("networks:detail", args=[network.pk])).content.decode()
    assert f'<option value="{team.pk}">Jeugdteam Noord</option>' in page

    response = client.post(
        reverse("networks:member_add", args=[network.pk]), {"organisation": team.pk}
    )
    assert response.status_code == 302
    assert set(network.organisations.values_list("name", flat=True)) == {
        "Basisschool Het Anker",
        "Jeugdteam Noord",
    }
    [line] = AuditEvent.objects.filter(action__startswith="network:")
    assert (line.action, line.reason, line.case_id) == (
        f"network:member_add organisation {team.pk}",
        f"network {network.pk}",
        None,
    )
    assert line.actor_id == coordinator.pk

    # A member already in the network is not on offer, and cannot be added twice.
    again = client.post(
        reverse("networks:member_add", args=[network.pk]), {"organisation": team.pk}
    )
    assert again.status_code == 422
    assert network.members.count() == 2


@pytest.mark.django_db
def test_removing_a_member_asks_first_and_then_logs_it(network, coordinator, school):
    client = client_for(coordinator)
    member = network.members.get()
    url = reverse("networks:member_remove", args=[network.pk, member.pk])
    question = client.get(url)
    assert question.status_code == 200
    assert "Basisschool Het Anker uit het netwerk halen?" in question.content.decode()
    # A POST without the answer asks again and removes nothing.
    assert client.post(url).status_code == 200
    assert network.members.count() == 1

    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert network.members.count() == 0
    [line] = AuditEvent.objects.filter(action__startswith="network:")
    assert line.action == f"network:member_remove organisation {school.pk}"
    assert line.reason == f"network {network.pk}" and line.case_id is None


@pytest.mark.django_db
def test_a_coordinator_sets_k_from_10_up_but_not_below_and_not_anonymous_only(network, coordinator):
    client = client_for(coordinator)
    url = reverse("networks:settings", args=[network.pk])

    refused = client.post(url, {"min_cell": 5, "anonymous_only": "on"})
    assert refused.status_code == 422
    assert "Onder de 10 mag alleen" in refused.content.decode()
    network.refresh_from_db()
    assert (network.min_cell, network.anonymous_only) == (10, False)

    # The switch is not on the coordinator's form, so sending it changes nothing.
    assert client.post(url, {"min_cell": 15, "anonymous_only": "on"}).status_code == 302
    network.refresh_from_db()
    assert (network.min_cell, network.anonymous_only) == (15, False)
    [line] = AuditEvent.objects.filter(action__startswith="network:")
    assert line.action == "network:settings min_cell 15 anonymous_only no"
    assert line.reason == f"network {network.pk}" and line.case_id is None
    assert (
        'name="anonymous_only"'
        not in client.get(reverse("networks:detail", args=[network.pk])).content.decode()
    )


@pytest.mark.django_db
def test_only_a_site_admin_makes_a_network_anonymous_only_and_k_may_then_go_below_10(network):
    admin = client_for(make_user("admin@site.test", is_superuser=True, is_staff=True))
    url = reverse("networks:settings", args=[network.pk])
    assert (
        'name="anonymous_only"'
        in admin.get(reverse("networks:detail", args=[network.pk])).content.decode()
    )

    assert admin.post(url, {"min_cell": 3, "anonymous_only": "on"}).status_code == 302
    network.refresh_from_db()
    assert (network.min_cell, network.anonymous_only) == (3, True)

    # Switching it off again needs k back at 10 or more first.
    assert admin.post(url, {"min_cell": 3}).status_code == 422
    network.refresh_from_db()
    assert (network.min_cell, network.anonymous_only) == (3, True)
    assert admin.post(url, {"min_cell": 10}).status_code == 302
    network.refresh_from_db()
    assert (network.min_cell, network.anonymous_only) == (10, False)
    actions = list(
        AuditEvent.objects.filter(action__startswith="network:").values_list("action", flat=True)
    )
    assert actions == [
        "network:settings min_cell 3 anonymous_only yes",
        "network:settings min_cell 10 anonymous_only no",
    ]
