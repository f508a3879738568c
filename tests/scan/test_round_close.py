"""A coordinator closes an open round before its date, after a question, so that its
results can show; nobody can answer it afterwards."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rondom.audit.models import AuditEvent
from rondom.scan.models import Round

from .rounds_setup import *  # noqa: F403 (the fixtures)
from .rounds_setup import client_for, invite_one, make_round


def close_url(round: Round) -> str:
    return reverse("scan:round_close", args=[round.network_id, round.pk])


@pytest.mark.django_db
def test_closing_asks_first_and_then_closes_the_round_yesterday(network, coordinator, round):
    client = client_for(coordinator)
    asked = client.get(close_url(round))
    assert "Ronde nu sluiten?" in asked.content.decode()
    round.refresh_from_db()
    assert round.is_open()  # the question alone closes nothing

    client.post(close_url(round))  # without the confirmation
    round.refresh_from_db()
    assert round.is_open()

    done = client.post(close_url(round), {"confirm": "yes"})
    assert done.status_code == 302
    assert done["Location"] == reverse("scan:results", args=[network.pk, round.pk])
    round.refresh_from_db()
    assert round.closes_on == timezone.localdate() - timedelta(days=1)
    assert round.has_closed()
    assert AuditEvent.objects.filter(
        action=f"scan:round_close round {round.pk}", reason=f"network {network.pk}"
    ).exists()


@pytest.mark.django_db
def test_a_closed_round_refuses_its_link(network, coordinator, round):
    _invitation, token = invite_one(round, "ouder@oost.test", "parent")
    client_for(coordinator).post(close_url(round), {"confirm": "yes"})
    page = client_for().get(reverse("scan:answer_link", args=[token]), follow=True)
    assert "gesloten" in page.content.decode()
    assert 'name="now' not in page.content.decode()


@pytest.mark.django_db
def test_a_round_that_opened_today_or_has_not_opened_stays_as_it_is(network, coordinator):
    client = client_for(coordinator)
    for opens_in, message in ((0, "vanaf morgen"), (3, "Alleen een open ronde")):
        round = make_round(network, coordinator, opens_in=opens_in)
        page = client.post(close_url(round), {"confirm": "yes"}, follow=True)
        assert message in page.content.decode()
        round.refresh_from_db()
        assert round.closes_on == timezone.localdate() + timedelta(days=10)


@pytest.mark.django_db
def test_only_the_networks_coordinators_can_close_it(round, other_coordinator, manager):
    for user in (other_coordinator, manager):
        assert client_for(user).post(close_url(round), {"confirm": "yes"}).status_code == 404
    round.refresh_from_db()
    assert round.is_open()
