"""A coordinator's rounds: starting one with sound dates, the network's own statements, and
pages that count who answered without ever saying who."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rondom.audit.models import AuditEvent
from rondom.scan.models import Invitation, Round, Statement

from .rounds_setup import *  # noqa: F403 (the fixtures)
from .rounds_setup import NETWORK_NAME, client_for, invite_one, make_round, own_statement


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def day(offset: int) -> str:
    return (timezone.localdate() + timedelta(days=offset)).isoformat()


def new_round(client, network, **data):
    return client.post(reverse("scan:round_new", args=[network.pk]), data)


@pytest.mark.django_db
def test_the_network_page_leads_to_the_scan(network, coordinator):
    page = client_for(coordinator).get(reverse("networks:detail", args=[network.pk]))
    assert reverse("scan:rounds", args=[network.pk]) in page.content.decode()


@pytest.mark.django_db
def test_a_coordinator_starts_a_round_compared_with_the_teams_previous_one(network, coordinator):
    team_before = make_round(network, coordinator, opens_in=-60, closes_in=-40, team="Team Noord")
    make_round(network, coordinator, opens_in=-30, closes_in=-20)  # the whole network's
    make_round(network, coordinator, opens_in=-10, closes_in=-5, team="Team Zuid")
    ours = own_statement(network, "We weten wie we in de wijk kunnen bellen.")
    retired = own_statement(network, "Een oude stelling.")
    retired.retired = True
    retired.save()
    client = client_for(coordinator)
    form = client.get(reverse("scan:round_new", args=[network.pk])).content.decode()
    assert "We weten wie we in de wijk kunnen bellen." in form
    assert "Een oude stelling." not in form
    assert "versie 2026.1" in form
    response = new_round(
        client, network, team=" team  noord ", opens_on=day(0), closes_on=day(21),
        own_statements=[ours.pk],
    )  # fmt: skip
    made = Round.objects.latest("pk")
    assert response["Location"] == reverse("scan:round", args=[network.pk, made.pk])
    assert made.team == "team noord"
    assert made.previous == team_before
    assert made.instrument.version == "2026.1"
    assert list(made.own_statements.all()) == [ours]
    assert made.created_by == coordinator
    line = AuditEvent.objects.get(action="scan:round_new")
    assert line.reason == f"network {network.pk}" and line.actor_id == coordinator.pk
    # A round of the whole network is compared with the whole network's previous round.
    new_round(client, network, opens_on=day(1), closes_on=day(3))
    assert Round.objects.latest("pk").previous.team == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "opens_on, closes_on, message",
    [
        (day(5), day(4), "De ronde kan niet sluiten voordat hij opent"),
        (day(-1), day(4), "De openingsdag is al voorbij"),
        (day(-9), day(-2), "De sluitingsdag is al voorbij"),
        ("", day(4), "Vul de dag in waarop de ronde opent"),
        (day(0), "", "Vul de dag in waarop de ronde sluit"),
        ("31-02-2027", day(4), "Vul de openingsdag in als datum"),
        (day(0), "morgen", "Vul de sluitingsdag in als datum"),
        (day(0), "9999-12-31", "Geef een datum tussen 1990 en 2100"),
        ("0001-01-01", day(4), "Geef een datum tussen 1990 en 2100"),
    ],
)
def test_a_round_needs_sound_dates(network, coordinator, opens_on, closes_on, message):
    response = new_round(client_for(coordinator), network, opens_on=opens_on, closes_on=closes_on)
    assert response.status_code == 422
    assert message in text_of(response), text_of(response)
    assert not Round.objects.exists()


@pytest.mark.django_db
def test_the_network_asks_at_most_five_statements_of_its_own(network, coordinator):
    client = client_for(coordinator)
    url = reverse("scan:own_statements", args=[network.pk])
    for n in range(5):
        response = client.post(url, {"place": "parent/parent_help", "text": f"Stelling {n}"})
        assert response.status_code == 302
    statement = Statement.objects.get(text="Stelling 0")
    assert (statement.network, statement.audience, statement.level) == (
        network, "parent", "parent_help"
    )  # fmt: skip
    assert statement.code == f"own-{statement.pk}"
    sixth = client.post(url, {"place": "professional/process", "text": "Stelling 6"})
    assert sixth.status_code == 422
    assert "Een netwerk stelt hooguit 5 eigen stellingen" in text_of(sixth)
    for bad, message in [
        ({"place": "parent/governance", "text": "x"}, "Selecteer een geldige keuze"),
        ({"place": "", "text": "x"}, "Kies voor wie de stelling is"),
        ({"place": "professional/process", "text": ""}, "Schrijf de stelling"),
        ({"place": "professional/process", "text": "x" * 301}, "300"),
    ]:
        client.post(reverse("scan:own_statement_retire", args=[network.pk, statement.pk]))
        response = client.post(url, bad)
        assert response.status_code == 422
        assert message in text_of(response), (bad, text_of(response))
    assert network.scan_statements.count() == 5


@pytest.mark.django_db
def test_a_statement_of_our_own_changes_until_a_round_asks_it(network, coordinator, round):
    statement = own_statement(network, "Eerste tekst.")
    client = client_for(coordinator)
    edit = reverse("scan:own_statement_edit", args=[network.pk, statement.pk])
    assert client.post(edit, {"text": "Betere tekst."}).status_code == 302
    statement.refresh_from_db()
    assert statement.text == "Betere tekst."
    round.own_statements.add(statement)
    refused = client.post(edit, {"text": "Nog een andere tekst."}, follow=True)
    assert "de tekst blijft zoals hij was" in text_of(refused)
    statement.refresh_from_db()
    assert statement.text == "Betere tekst."
    client.post(reverse("scan:own_statement_retire", args=[network.pk, statement.pk]))
    statement.refresh_from_db()
    assert statement.retired
    assert list(round.own_statements.all()) == [statement]
    page = client.get(reverse("scan:round_new", args=[network.pk])).content.decode()
    assert "Betere tekst." not in page


@pytest.mark.django_db
def test_the_round_page_counts_without_saying_who_answered(network, coordinator, round):
    statement = own_statement(network, "Onze eigen stelling.", "parent", "parent_together")
    round.own_statements.add(statement)
    answered, _ = invite_one(round, "heeft-ingevuld@school.test")
    invite_one(round, "nog-niet@school.test", sector="parent")
    invite_one(round, "ook-niet@jeugd.test", sector="youth_care")
    Invitation.objects.filter(pk=answered.pk).update(answered_at=timezone.now())
    client = client_for(coordinator)
    listing = text_of(client.get(reverse("scan:rounds", args=[network.pk])))
    assert round.label in listing
    assert "hele netwerk" in listing and "open" in listing and "2026.1" in listing
    assert re.search(r"2026\.1 3 1 ", listing), listing
    page = client.get(reverse("scan:round", args=[network.pk, round.pk]))
    text, html = text_of(page), page.content.decode()
    assert "versie 2026.1" in text
    assert re.search(r"Uitgenodigd 3 Ingevuld 1 ", text), text
    assert reverse("scan:results", args=[network.pk, round.pk]) in html
    assert "Onze eigen stelling." in text and "Samen met jou" in text
    assert "Bestuur en beleid" in text
    # Counts per sector, and no address of anyone invited: nothing tells who answered.
    assert "School: 1" in text and "Ouder: 1" in text and "Jeugdhulp: 1" in text
    for email in ("heeft-ingevuld@school.test", "nog-niet@school.test", "ook-niet@jeugd.test"):
        assert email not in html


def coordinator_addresses(network, round, statement) -> list[tuple[str, str, dict]]:
    n, r, s = network.pk, round.pk, statement.pk
    added = {"place": "parent/parent_help", "text": "x"}
    invited = {"addresses": "x@y.test", "sector": "school"}
    return [
        ("get", reverse("scan:rounds", args=[n]), {}),
        ("get", reverse("scan:round_new", args=[n]), {}),
        ("post", reverse("scan:round_new", args=[n]), {"opens_on": day(0), "closes_on": day(5)}),
        ("get", reverse("scan:own_statements", args=[n]), {}),
        ("post", reverse("scan:own_statements", args=[n]), added),
        ("get", reverse("scan:own_statement_edit", args=[n, s]), {}),
        ("post", reverse("scan:own_statement_edit", args=[n, s]), {"text": "Overgenomen"}),
        ("post", reverse("scan:own_statement_retire", args=[n, s]), {}),
        ("get", reverse("scan:round", args=[n, r]), {}),
        ("get", reverse("scan:invite", args=[n, r]), {}),
        ("post", reverse("scan:invite", args=[n, r]), invited),
    ]  # fmt: skip


@pytest.mark.django_db
def test_nobody_but_the_coordinators_reaches_a_coordinator_address(
    network, round, other_coordinator, manager, outsider, parent_user, client, mailoutbox
):
    statement = own_statement(network, "Geheime eigen stelling.")
    before = (Round.objects.count(), Statement.objects.count(), Invitation.objects.count())
    for stranger in (manager, outsider, parent_user, other_coordinator):
        browser = client_for(stranger)
        for method, url, data in coordinator_addresses(network, round, statement):
            response = getattr(browser, method)(url, data)
            assert response.status_code == 404, (stranger.email, method, url)
            assert NETWORK_NAME not in response.content.decode()
    for method, url, data in coordinator_addresses(network, round, statement):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    statement.refresh_from_db()
    assert (statement.text, statement.retired) == ("Geheime eigen stelling.", False)
    assert (Round.objects.count(), Statement.objects.count(), Invitation.objects.count()) == before
    assert not mailoutbox
    assert not AuditEvent.objects.filter(action__startswith="scan:").exists()


@pytest.mark.django_db
def test_a_round_of_another_network_is_not_found_under_this_one(
    network, coordinator, other_coordinator
):
    from rondom.networks.models import Network

    elders = Network.objects.get(name="Netwerk Elders")
    theirs = make_round(elders, other_coordinator)
    browser = client_for(coordinator)
    assert browser.get(reverse("scan:round", args=[network.pk, theirs.pk])).status_code == 404
    assert browser.get(reverse("scan:round", args=[elders.pk, theirs.pk])).status_code == 404
