"""Themes: making them, putting signals under them (several at once), and the network's
answer, which goes back to every card behind the theme's signals as a note."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from rondom.monitor.models import Signal, SignalTheme
from rondom.monitor.signals import answer_theme
from rondom.timeline.models import CardNote

from .signal_world import SENT_TEXT, build_world, client_for, policy_card, send

ANSWER = "De gemeente koopt voor 2027 twintig extra plekken in."
NEWER = "De gemeente koopt dertig extra plekken in, vanaf maart."


@pytest.fixture
def world(db):
    world = build_world()
    send(world)
    return world


def list_url(world) -> str:
    return reverse("monitor:signals", args=[world.network.pk])


def theme_url(world, theme) -> str:
    return reverse("monitor:theme", args=[world.network.pk, theme.pk])


def answer_notes(card) -> list[tuple[str, str]]:
    notes = CardNote.objects.filter(card=card).exclude(text="").order_by("created_at", "pk")
    return list(notes.values_list("label", "text"))


def test_a_coordinator_makes_a_theme_once(world):
    client = client_for(world.coordinator)
    url = reverse("monitor:theme_new", args=[world.network.pk])
    response = client.post(url, {"name": "  Wachtlijsten  "})
    assert response.status_code == 302
    assert SignalTheme.objects.get(network=world.network).name == "Wachtlijsten"
    with translation.override("nl"):
        again = client.post(url, {"name": "wachtlijsten"})
        assert again.status_code == 422
        assert "Het netwerk heeft al een thema met deze naam." in again.content.decode()
        empty = client.post(url, {"name": " "})
        assert "Geef het thema een naam." in empty.content.decode()
        long = client.post(url, {"name": "x" * 121})
        assert long.status_code == 422
    # Another network may use the same name.
    SignalTheme.objects.create(network=world.elsewhere, name="Wachtlijsten")
    assert SignalTheme.objects.filter(name="Wachtlijsten").count() == 2


def test_several_signals_move_under_a_theme_at_once_and_back(world):
    others = [
        Signal.objects.create(
            network=world.network, text=f"Ander signaal {n}", month=date(2026, 2, 1)
        )
        for n in range(3)
    ]
    theme = SignalTheme.objects.create(network=world.network, name="Financiering")
    client = client_for(world.coordinator)
    url = reverse("monitor:signals_assign", args=[world.network.pk])
    chosen = [str(s.pk) for s in others[:2]]
    with translation.override("nl"):
        response = client.post(url, {"theme": theme.pk, "signal": chosen}, follow=True)
    assert "2 signalen verplaatst naar het thema Financiering." in response.content.decode()
    assert set(theme.signals.values_list("pk", flat=True)) == {s.pk for s in others[:2]}
    client.post(url, {"theme": "none", "signal": chosen[:1]})
    assert theme.signals.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"theme": "none"}, "Kies een of meer signalen."),
        ({"theme": "none", "signal": "geen-id"}, "Dit is geen signaal van dit netwerk."),
        ({"theme": "none", "signal": "0" * 5000}, "Dit is geen signaal van dit netwerk."),
        ({"theme": "", "signal": "SIGNAL"}, "Kies een thema."),
        ({"theme": "12345678", "signal": "SIGNAL"}, "Kies een thema."),
        ({"signal": "SIGNAL"}, "Kies een thema."),
    ],
)
def test_grouping_with_bad_input_gets_a_dutch_message(world, data, message):
    signal = Signal.objects.get(network=world.network)
    data = {key: str(signal.pk) if value == "SIGNAL" else value for key, value in data.items()}
    with translation.override("nl"):
        response = client_for(world.coordinator).post(
            reverse("monitor:signals_assign", args=[world.network.pk]), data
        )
    assert response.status_code == 422
    assert message in response.content.decode()


def test_the_answer_reaches_every_card_behind_the_theme(world):
    second = policy_card(world.case, world.manager_person, "Geen vervoer", world.child)
    send_second = client_for(world.manager).post(
        f"/cases/{world.case.pk}/cards/{second.pk}/signal/",
        {"network": world.network.pk, "text": "Geen leerlingenvervoer in de wijk"},
    )
    assert send_second.status_code == 302
    theme = SignalTheme.objects.create(network=world.network, name="Wachtlijsten")
    client = client_for(world.coordinator)
    every = [str(s.pk) for s in Signal.objects.filter(network=world.network)]
    client.post(
        reverse("monitor:signals_assign", args=[world.network.pk]),
        {"theme": theme.pk, "signal": every},
    )
    with translation.override("nl"):
        response = client.post(theme_url(world, theme), {"answer": ANSWER, "loaded": ""})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.answer, theme.answered_by) == (ANSWER, world.coordinator)
    label = "Antwoord van het netwerk (thema Wachtlijsten)"
    assert answer_notes(world.card) == [(label, ANSWER)]
    assert answer_notes(second) == [(label, ANSWER)]
    page = client.get(theme_url(world, theme)).content.decode()
    assert ANSWER in page and "Carla Mulder" in page


def test_a_changed_answer_follows_as_a_changed_note(world):
    theme = SignalTheme.objects.create(network=world.network, name="Wachtlijsten")
    Signal.objects.filter(network=world.network).update(theme=theme)
    client = client_for(world.coordinator)
    client.post(theme_url(world, theme), {"answer": ANSWER, "loaded": ""})
    theme.refresh_from_db()
    loaded = theme.answered_at.isoformat()
    # The same answer again changes nothing.
    client.post(theme_url(world, theme), {"answer": ANSWER, "loaded": loaded})
    assert len(answer_notes(world.card)) == 1
    client.post(theme_url(world, theme), {"answer": NEWER, "loaded": loaded})
    assert answer_notes(world.card)[-1] == (
        "Gewijzigd antwoord van het netwerk (thema Wachtlijsten)",
        NEWER,
    )
    with translation.override("nl"):
        html = client.get(theme_url(world, theme)).content.decode()
    assert NEWER in html and "Antwoord wijzigen" in html


def test_an_answer_started_from_an_older_one_is_refused(world):
    theme = SignalTheme.objects.create(network=world.network, name="Wachtlijsten")
    Signal.objects.filter(network=world.network).update(theme=theme)
    answer_theme(theme, ANSWER, world.other_coordinator, None)
    with translation.override("nl"):
        response = client_for(world.coordinator).post(
            theme_url(world, theme), {"answer": NEWER, "loaded": ""}
        )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Iemand anders beantwoordde dit thema" in html
    assert ANSWER in html and NEWER in html  # theirs above, mine still in the form
    theme.refresh_from_db()
    assert theme.answer == ANSWER
    assert [text for _label, text in answer_notes(world.card)] == [ANSWER]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"answer": ""}, "Schrijf het antwoord."),
        ({"answer": "  "}, "Schrijf het antwoord."),
        ({"answer": "x" * 2001}, "niet meer dan 2000 tekens"),
        ({"answer": "Ja\x07"}, "onzichtbaar stuurteken"),
        ({"answer": "Ja", "loaded": "gisteren"}, "Deze pagina was verouderd."),
        ({"answer": "Ja", "loaded": "2026-13-45T10:00:00"}, "Deze pagina was verouderd."),
    ],
)
def test_answering_with_bad_input_gets_a_dutch_message(world, data, message):
    theme = SignalTheme.objects.create(network=world.network, name="Wachtlijsten")
    with translation.override("nl"):
        response = client_for(world.coordinator).post(theme_url(world, theme), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not SignalTheme.objects.get(pk=theme.pk).answer


def test_a_signal_that_joins_an_answered_theme_brings_the_answer_once(world):
    theme = SignalTheme.objects.create(network=world.network, name="Wachtlijsten")
    other = SignalTheme.objects.create(network=world.network, name="Overig")
    answer_theme(theme, ANSWER, world.coordinator, None)
    assert answer_notes(world.card) == []  # nothing under the theme yet
    signal = Signal.objects.get(network=world.network)
    client = client_for(world.coordinator)
    url = reverse("monitor:signals_assign", args=[world.network.pk])
    with translation.override("nl"):
        response = client.post(url, {"theme": theme.pk, "signal": [str(signal.pk)]}, follow=True)
    assert "gaat naar de casussen waar ze vandaan komen" in response.content.decode()
    assert answer_notes(world.card) == [("Antwoord van het netwerk (thema Wachtlijsten)", ANSWER)]
    # Away and back again: the card holds that note already.
    client.post(url, {"theme": other.pk, "signal": [str(signal.pk)]})
    client.post(url, {"theme": theme.pk, "signal": [str(signal.pk)]})
    assert len(answer_notes(world.card)) == 1


def test_the_list_shows_themes_and_signals_in_dutch(world):
    theme = SignalTheme.objects.create(network=world.network, name="Wachtlijsten")
    answer_theme(theme, ANSWER, world.coordinator, None)
    with translation.override("nl"):
        html = client_for(world.coordinator).get(list_url(world)).content.decode()
    assert "Signalen uit casussen" in html and "beantwoord op" in html
    assert SENT_TEXT in html and "nog geen" in html  # the signal has no theme yet
