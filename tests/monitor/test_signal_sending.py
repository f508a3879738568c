"""A case manager passes a card of the row *Beleid en organisatie* on to the network: what
the page shows, the warning for names and dates of birth, who may, and sending it once."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from rondom.accounts.models import Organisation
from rondom.audit.models import AuditEvent
from rondom.cases.models import FiguresConsent
from rondom.monitor.models import Signal, SignalOrigin, SignalTheme
from rondom.monitor.signals import AlreadySent, send_signal
from rondom.networks.models import Network, NetworkMember, NetworkRole
from rondom.timeline.kinds import CardKind
from rondom.timeline.models import CardNote
from tests.conftest import make_user

from .signal_world import (
    BORN,
    CHILD,
    POLICY_TEXT,
    SENT_TEXT,
    build_world,
    client_for,
    policy_card,
    send,
    send_url,
)


@pytest.fixture
def world(db):
    return build_world()


def editor(client, card) -> str:
    """The card editor, as the timeline opens it."""
    url = reverse("timeline:card_edit", args=[card.case_id, card.pk])
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def this_month() -> date:
    return timezone.localdate().replace(day=1)


def test_the_case_manager_finds_the_action_on_a_policy_card_only(world):
    client = client_for(world.manager)
    with translation.override("nl"):
        html = editor(client, world.card)
        assert "Doorzetten naar het netwerk" in html and send_url(world.card) in html
        help_card = policy_card(world.case, world.manager_person, "Hulp", world.child)
        help_card.kind = CardKind.HELP
        help_card.save()
        assert "Doorzetten naar het netwerk" not in editor(client, help_card)


def test_others_in_the_case_get_no_action_and_a_refusal(world):
    own = policy_card(world.case, world.parent_person, "Geen plek op de opvang", world.child)
    with translation.override("nl"):
        assert "Doorzetten" not in editor(client_for(world.parent), own)
    for user in (world.parent, world.coach, world.admin):
        client = client_for(user)
        assert client.get(send_url(world.card)).status_code == 403
        assert client.post(send_url(world.card), {"text": SENT_TEXT}).status_code == 403
    assert client_for(world.manager).get(send_url(own)).status_code == 200
    for user in (world.outsider, world.coordinator, world.other_coordinator):
        response = client_for(user).get(send_url(world.card))
        assert response.status_code == 404 and POLICY_TEXT not in response.content.decode()
    assert not Signal.objects.filter(network=world.network).exists()


def test_only_a_shared_policy_card_goes(world):
    client = client_for(world.manager)
    draft = policy_card(world.case, world.manager_person, "Mijn concept", world.child,
                        is_draft=True)  # fmt: skip
    other = policy_card(world.case, world.manager_person, "Iets anders", world.child)
    other.kind = CardKind.LIFE_EVENT
    other.save()
    gone = policy_card(world.case, world.manager_person, "Weg", world.child)
    gone.deleted_at = timezone.now()
    gone.save()
    for card in (draft, other, gone):
        assert client.get(send_url(card)).status_code == 404
        assert client.post(send_url(card), {"text": SENT_TEXT}).status_code == 404
    assert client.get(f"/cases/{world.case.pk}/cards/999999999/signal/").status_code == 404


def test_the_page_shows_what_goes_and_what_does_not_and_warns(world):
    with translation.override("nl"):
        html = client_for(world.manager).get(send_url(world.card)).content.decode()
    month = date_text(this_month())
    assert "Wijk Test" in html and month in html
    assert POLICY_TEXT in html  # the text to edit
    for stays_out in ("de casus: niet de naam", "het kind: geen naam", "wie het kaartje schreef",
                      "alleen de maand"):  # fmt: skip
        assert stays_out in html
    warning = html.split('id="signal-warning"')[1].split("</div>")[0]
    assert CHILD in warning and BORN.strftime("%d-%m-%Y") in warning


def date_text(month: date) -> str:
    from django.utils.formats import date_format

    with translation.override("nl"):
        return date_format(month, "F Y")


def test_a_name_in_the_text_stops_the_sending_until_it_is_gone(world):
    client = client_for(world.manager)
    with translation.override("nl"):
        response = client.post(
            send_url(world.card), {"network": world.network.pk, "text": "Quirijn wacht lang"}
        )
    html = response.content.decode()
    assert response.status_code == 200 and 'id="signal-warning"' in html
    assert "verstuur hem zoals hij is" in html  # the second confirmation is offered
    assert not Signal.objects.exists() or not Signal.objects.filter(network=world.network)

    client.post(send_url(world.card), {"network": world.network.pk, "text": SENT_TEXT})
    signal = Signal.objects.get(network=world.network)
    assert signal.text == SENT_TEXT


def test_an_explicit_second_confirmation_sends_the_words_it_was_warned_of(world):
    client = client_for(world.manager)
    text = "Quirijn wacht lang"
    data = {"network": world.network.pk, "text": text, "send_anyway": "on"}
    # Ticked without having been warned: warned now, not sent.
    assert 'id="signal-warning"' in client.post(send_url(world.card), data).content.decode()
    assert not Signal.objects.filter(network=world.network).exists()
    # Warned of other words than the text now holds: warned again.
    client.post(send_url(world.card), data | {"text": "Xaviera belde", "warned": "Quirijn"})
    assert not Signal.objects.filter(network=world.network).exists()
    client.post(send_url(world.card), data | {"warned": "Quirijn"})
    assert Signal.objects.get(network=world.network).text == text


def test_sending_makes_a_signal_its_origin_a_note_and_a_log_line(world):
    theme = SignalTheme.objects.create(network=world.network, name="Wachtlijsten")
    with translation.override("nl"):
        send(world, theme=theme.pk)
    signal = Signal.objects.get(network=world.network)
    assert (signal.text, signal.month, signal.theme) == (SENT_TEXT, this_month(), theme)
    assert SignalOrigin.objects.get(signal=signal).card == world.card
    note = CardNote.objects.get(card=world.card)
    assert note.label == f"Doorgezet naar het netwerk ({date_text(this_month())})"
    line = AuditEvent.objects.get(action="monitor:signal_sent")
    assert (line.case_id, line.card_id, line.actor_id) == (
        world.case.pk, world.card.pk, world.manager.pk,
    )  # fmt: skip
    assert line.reason.startswith("consent ")  # the case manager's grounds in the case
    with translation.override("nl"):
        log = client_for(world.parent).get(reverse("privacy:access_log", args=[world.case.pk]))
    assert "zette een kaartje door naar het netwerk" in log.content.decode()
    for event in AuditEvent.objects.all():
        assert SENT_TEXT not in f"{event.action} {event.reason}"
    # The card says so, and offers no second sending to the same network.
    html = client_for(world.manager).get(
        reverse("timeline:child", args=[world.case.pk, world.child.pk])
    )
    assert "Doorgezet naar het netwerk" in html.content.decode()
    with translation.override("nl"):
        assert "Doorzetten naar het netwerk" not in editor(client_for(world.manager), world.card)


def test_a_card_goes_to_a_network_once(world):
    send(world)
    client = client_for(world.manager)
    with translation.override("nl"):
        page = client.get(send_url(world.card)).content.decode()
        assert "al doorgezet" in page and "<textarea" not in page
        client.post(send_url(world.card), {"network": world.network.pk, "text": SENT_TEXT})
    assert Signal.objects.filter(network=world.network).count() == 1
    with pytest.raises(AlreadySent):
        send_signal(world.card, world.network, "nog eens", None, world.manager)
    assert Signal.objects.filter(network=world.network).count() == 1


def test_a_case_that_counts_in_no_network_has_nowhere_to_send(world):
    FiguresConsent.objects.filter(case=world.case).update(withdrawn_at=timezone.now())
    client = client_for(world.manager)
    with translation.override("nl"):
        assert "Doorzetten" not in editor(client, world.card)
        page = client.get(send_url(world.card)).content.decode()
    assert "telt in geen enkel netwerk mee" in page
    client.post(send_url(world.card), {"network": world.network.pk, "text": SENT_TEXT})
    assert not Signal.objects.filter(network=world.network).exists()
    # Not even code that skips the page can send it there.
    with pytest.raises(ValueError):
        send_signal(world.card, world.network, SENT_TEXT, None, world.manager)
    assert not Signal.objects.filter(network=world.network).exists()


def test_with_two_networks_the_case_manager_chooses_and_each_gets_it_once(world):
    second = Network.objects.create(name="Regio Test")
    NetworkMember.objects.create(
        network=second, organisation=Organisation.objects.get(name="Basisschool De Wilg")
    )
    theme = SignalTheme.objects.create(network=second, name="Financiering")
    client = client_for(world.manager)
    html = client.get(send_url(world.card)).content.decode()
    assert 'name="network"' in html and "Regio Test" in html and "Financiering" in html
    # A theme of the one network cannot go with the other.
    wrong = {"network": world.network.pk, "text": SENT_TEXT, "theme": theme.pk}
    assert client.post(send_url(world.card), wrong).status_code == 422
    assert not Signal.objects.filter(network__in=[world.network, second]).exists()
    client.post(send_url(world.card), wrong | {"network": second.pk})
    assert Signal.objects.get(network=second).theme == theme
    with translation.override("nl"):
        assert "Doorzetten naar het netwerk" in editor(client, world.card)
        client.post(send_url(world.card), {"network": world.network.pk, "text": SENT_TEXT})
    assert Signal.objects.filter(network=world.network).count() == 1
    labels = list(CardNote.objects.filter(card=world.card).values_list("label", flat=True))
    assert len(labels) == 2 and "Regio Test" in labels[0] and "Wijk Test" in labels[1]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Schrijf wat het netwerk moet lezen."),
        ({"text": "   "}, "Schrijf wat het netwerk moet lezen."),
        ({"text": "x" * 2001}, "niet meer dan 2000 tekens"),
        ({"text": "Wachtlijst\x00"}, "onzichtbaar stuurteken"),
        ({"network": "999999"}, "Selecteer een geldige keuze"),
        ({"network": "abc"}, "Selecteer een geldige keuze"),
        ({"theme": "999999"}, "Selecteer een geldige keuze"),
        ({"theme": "x" * 5000}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_gets_a_dutch_message(world, data, message):
    SignalTheme.objects.create(network=world.network, name="Wachtlijsten")
    client = client_for(world.manager)
    with translation.override("nl"):
        response = client.post(
            send_url(world.card), {"network": world.network.pk, "text": SENT_TEXT} | data
        )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Signal.objects.filter(network=world.network).exists()


def test_a_theme_answered_already_reaches_the_card_at_once(world):
    theme = SignalTheme.objects.create(
        network=world.network, name="Wachtlijsten", answer="De gemeente koopt extra plekken in.",
        answered_by=world.coordinator, answered_at=timezone.now(),
    )  # fmt: skip
    send(world, theme=theme.pk)
    notes = list(CardNote.objects.filter(card=world.card).values_list("label", "text"))
    assert notes[-1] == (
        "Antwoord van het netwerk (thema Wachtlijsten)",
        "De gemeente koopt extra plekken in.",
    )


def test_a_coordinator_who_manages_a_case_elsewhere_still_cannot_send_this_one(world):
    """Coordinating the network gives no way into its cases."""
    NetworkRole.objects.create(network=world.network, user=world.coach)
    assert client_for(world.coach).get(send_url(world.card)).status_code == 403
    stranger = make_user("vreemd@wilg.test")
    NetworkRole.objects.create(network=world.network, user=stranger)
    assert client_for(stranger).get(send_url(world.card)).status_code == 404
