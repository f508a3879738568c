"""Only a network's coordinators (and site admins) see its signals and themes; a coordinator
of another network, and everyone else, gets a 404 and sees nothing of them."""

import pytest
from django.urls import reverse

from rondom.audit.models import AuditEvent
from rondom.monitor.models import Signal, SignalTheme

from .signal_world import ELSEWHERE_TEXT, SENT_TEXT, build_world, client_for, send


@pytest.fixture
def world(db):
    world = build_world()
    send(world)
    return world


def addresses(network, theme) -> dict[str, tuple[str, dict | None]]:
    """Every address of a network's signals, with the form a POST would carry."""
    return {
        "list": (reverse("monitor:signals", args=[network.pk]), None),
        "theme": (reverse("monitor:theme", args=[network.pk, theme.pk]), {"answer": "Antwoord"}),
        "theme_new": (reverse("monitor:theme_new", args=[network.pk]), {"name": "Nieuw"}),
        "assign": (
            reverse("monitor:signals_assign", args=[network.pk]),
            {"theme": theme.pk, "signal": [str(s.pk) for s in Signal.objects.all()]},
        ),
    }


def test_a_coordinator_of_another_network_gets_a_404_everywhere(world):
    theme = SignalTheme.objects.create(network=world.network, name="Wachtlijsten")
    before = {s.pk: s.theme_id for s in Signal.objects.all()}
    themes = SignalTheme.objects.count()
    for user in (world.other_coordinator, world.manager, world.parent, world.outsider):
        client = client_for(user)
        for name, (url, data) in addresses(world.network, theme).items():
            response = client.get(url)
            assert response.status_code in (404, 405), (user, name)
            assert SENT_TEXT not in response.content.decode()
            assert "Wachtlijsten" not in response.content.decode()
            response = client.post(url, data or {})
            assert response.status_code == 404, (user, name)
            assert SENT_TEXT not in response.content.decode()
    assert {s.pk: s.theme_id for s in Signal.objects.all()} == before
    assert SignalTheme.objects.count() == themes
    assert not SignalTheme.objects.get(pk=theme.pk).answer


def test_each_network_sees_its_own_signals_only(world):
    mine = client_for(world.coordinator).get(reverse("monitor:signals", args=[world.network.pk]))
    theirs = client_for(world.other_coordinator).get(
        reverse("monitor:signals", args=[world.elsewhere.pk])
    )
    assert SENT_TEXT in mine.content.decode() and ELSEWHERE_TEXT not in mine.content.decode()
    assert "Vervoer in Elders" not in mine.content.decode()
    assert ELSEWHERE_TEXT in theirs.content.decode() and SENT_TEXT not in theirs.content.decode()
    # The other network's theme is not reachable under this network's address either.
    elsewhere_theme = SignalTheme.objects.get(network=world.elsewhere)
    url = reverse("monitor:theme", args=[world.network.pk, elsewhere_theme.pk])
    assert client_for(world.coordinator).get(url).status_code == 404


def test_a_signal_or_theme_of_another_network_cannot_be_moved_from_here(world):
    theme = SignalTheme.objects.create(network=world.network, name="Wachtlijsten")
    elsewhere_theme = SignalTheme.objects.get(network=world.elsewhere)
    url = reverse("monitor:signals_assign", args=[world.network.pk])
    client = client_for(world.coordinator)
    foreign_signal = {"theme": theme.pk, "signal": [str(world.other_signal.pk)]}
    response = client.post(url, foreign_signal)
    assert response.status_code == 422
    assert "Dit is geen signaal van dit netwerk." in response.content.decode()
    assert ELSEWHERE_TEXT not in response.content.decode()
    mine = Signal.objects.get(network=world.network)
    response = client.post(url, {"theme": elsewhere_theme.pk, "signal": [str(mine.pk)]})
    assert response.status_code == 422
    assert Signal.objects.get(pk=world.other_signal.pk).theme == elsewhere_theme
    assert Signal.objects.get(pk=mine.pk).theme is None


def test_every_page_of_signals_writes_a_line_without_the_text(world):
    client = client_for(world.coordinator)
    client.get(reverse("monitor:signals", args=[world.network.pk]))
    line = AuditEvent.objects.filter(action="monitor:signals").get()
    assert line.reason == f"network {world.network.pk}" and line.case_id is None
    for event in AuditEvent.objects.all():
        assert SENT_TEXT not in f"{event.action} {event.reason}"


def test_huge_or_unknown_ids_get_a_404(world):
    huge = "9" * 25
    theme = SignalTheme.objects.create(network=world.network, name="Wachtlijsten")
    client = client_for(world.coordinator)
    for url in (
        f"/networks/{huge}/monitor/signals/",
        f"/networks/{world.network.pk}/monitor/signals/themes/{huge}/",
        f"/networks/{huge}/monitor/signals/themes/{theme.pk}/",
        f"/networks/{world.network.pk}/monitor/signals/?theme={huge}&page={huge}",
    ):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert response.status_code == 200 or SENT_TEXT not in response.content.decode()
    manager = client_for(world.manager)
    assert manager.get(f"/cases/{huge}/cards/{world.card.pk}/signal/").status_code == 404
    assert manager.get(f"/cases/{world.case.pk}/cards/{huge}/signal/").status_code == 404
