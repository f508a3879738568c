"""Inviting people to a round: many addresses at once, each with a sector, one email each
with a personal link that works, and nothing of the addresses in the access log."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from rondom.audit.models import AuditEvent
from rondom.scan.models import Invitation
from rondom.scan.respondents import link_token, token_hash
from tests.test_emails import FOOTER, SITE, the_email

from .rounds_setup import *  # noqa: F403 (the fixtures)
from .rounds_setup import NETWORK_NAME, client_for, invite_one, make_round


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE
    settings.SITE_NAME = "Rondom"


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def send(coordinator, round, addresses: str, sector: str = "", follow=False):
    url = reverse("scan:invite", args=[round.network_id, round.pk])
    data = {"addresses": addresses, "sector": sector}
    return client_for(coordinator).post(url, data, follow=follow)


@pytest.mark.django_db
def test_a_batch_of_addresses_each_with_a_sector(round, coordinator, manager, mailoutbox):
    addresses = "\n".join([
        "Jan@School.test",
        "",
        "  piet@jeugd.test, jeugdhulp ",
        "ouder@thuis.test; ouder",
        f"{manager.email}\tYouth care",
        "wethouder@gemeente.test, Gemeente",
    ])  # fmt: skip
    response = send(coordinator, round, addresses, sector="school", follow=True)
    assert "5 mensen zijn per e-mail uitgenodigd" in text_of(response)
    invitations = {inv.email: inv for inv in Invitation.objects.all()}
    assert {email: inv.sector for email, inv in invitations.items()} == {
        "jan@school.test": "school",
        "piet@jeugd.test": "youth_care",
        "ouder@thuis.test": "parent",
        manager.email: "youth_care",
        "wethouder@gemeente.test": "municipality",
    }
    assert invitations[manager.email].user == manager
    assert all(inv.user is None for email, inv in invitations.items() if email != manager.email)
    for inv in invitations.values():
        assert inv.token_hash == token_hash(link_token(inv.pk))
        assert inv.invited_by == coordinator
    assert sorted(m.to[0] for m in mailoutbox) == sorted(invitations)


@pytest.mark.django_db
def test_the_email_says_who_what_until_when_and_gives_a_link_that_works(
    round, coordinator, mailoutbox
):
    round.team = "Team Noord"
    round.save()
    send(coordinator, round, "jan@school.test", sector="school")
    message = the_email()
    body = message.body
    assert message.to == ["jan@school.test"]
    assert NETWORK_NAME in message.subject and "samenwerkingsscan" in message.subject
    assert "Carla Mulder (coordinator@oost.test) vraagt je de samenwerkingsscan van" in body
    assert NETWORK_NAME in body and "Team Noord" in body
    assert f"tot en met {round.closes_on.strftime('%d-%m-%Y')}" in body
    assert "ongeveer 10 minuten" in body
    assert "Je antwoorden zijn anoniem" in body and "minstens 5 mensen" in body
    assert FOOTER in body
    invitation = Invitation.objects.get()
    link = f"{SITE}{reverse('scan:answer_link', args=[link_token(invitation.pk)])}"
    assert link in body
    browser = client_for()
    opened = browser.get(urlsplit(link).path, follow=True)
    assert opened.status_code == 200
    assert "Stap 1 van 5" in text_of(opened)


@pytest.mark.django_db
def test_a_round_not_open_yet_says_when_it_opens(network, coordinator, mailoutbox):
    later = make_round(network, coordinator, opens_in=5, closes_in=25)
    send(coordinator, later, "jan@school.test", sector="school")
    body = the_email().body
    assert f"De scan opent op {later.opens_on.strftime('%d-%m-%Y')}" in body


@pytest.mark.django_db
def test_an_account_holder_is_asked_to_log_in(round, coordinator, manager, mailoutbox):
    send(coordinator, round, manager.email, sector="school")
    body = the_email().body
    assert "Je hebt een account bij Rondom" in body and "eerst om in te loggen" in body
    invitation = Invitation.objects.get()
    assert reverse("scan:answer_link", args=[link_token(invitation.pk)]) in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "addresses, sector, message",
    [
        (
            "jan@school.test\ngeen-adres\npiet@jeugd.test",
            "school",
            "Regel 2: “geen-adres” is geen e-mailadres.",
        ),
        ("jan@school.test, bakker", "", "Regel 1: “bakker” is geen sector."),
        ("jan@school.test\npiet@jeugd.test, school", "", "Regel 1: Geen sector"),
        ("", "school", "Vul minstens één e-mailadres in."),
        ("\n \n", "school", "Vul minstens één e-mailadres in."),
        ("jan@school.test", "bakker", "Selecteer een geldige keuze"),
        ("a@b.test\n" * 501, "school", "Nodig hooguit 500 mensen tegelijk uit"),
    ],
)
def test_a_bad_line_is_named_and_nobody_is_invited(
    round, coordinator, mailoutbox, addresses, sector, message
):
    response = send(coordinator, round, addresses, sector=sector)
    assert response.status_code == 422
    assert message in text_of(response), text_of(response)
    assert not Invitation.objects.exists()
    assert not mailoutbox


@pytest.mark.django_db
def test_someone_invited_already_is_not_invited_twice(round, coordinator, mailoutbox):
    invite_one(round, "jan@school.test")
    response = send(
        coordinator, round, "JAN@school.test\npiet@jeugd.test\npiet@jeugd.test", "school",
        follow=True,
    )  # fmt: skip
    text = text_of(response)
    assert "1 persoon is per e-mail uitgenodigd" in text
    assert "Al een keer uitgenodigd, dus niet opnieuw: jan@school.test, piet@jeugd.test" in text
    assert Invitation.objects.count() == 2
    assert [m.to for m in mailoutbox] == [["piet@jeugd.test"]]


@pytest.mark.django_db
def test_a_closed_round_invites_nobody(network, coordinator, mailoutbox):
    closed = make_round(network, coordinator, opens_in=-20, closes_in=-1)
    response = send(coordinator, closed, "jan@school.test", "school", follow=True)
    assert "Deze ronde is gesloten" in text_of(response)
    assert not Invitation.objects.exists() and not mailoutbox


@pytest.mark.django_db
def test_inviting_is_logged_without_the_addresses(round, coordinator, mailoutbox):
    send(coordinator, round, "jan@school.test\npiet@jeugd.test", "school")
    [line] = AuditEvent.objects.filter(action__startswith="scan:")
    assert (line.action, line.reason, line.actor_id) == (
        "scan:invite", f"network {round.network_id}", coordinator.pk
    )  # fmt: skip
    everything = " ".join(
        f"{event.action} {event.reason} {event.actor_label}" for event in AuditEvent.objects.all()
    )
    assert "jan@school.test" not in everything and "piet@jeugd.test" not in everything


@pytest.mark.django_db
def test_a_failed_email_still_leaves_the_invitations(round, coordinator, monkeypatch):
    from rondom.scan import invitations

    def refuse(*args, **kwargs):
        raise OSError("no mail server")

    monkeypatch.setattr(invitations, "send_invitations", refuse)
    monkeypatch.setattr("rondom.scan.views.rounds.send_invitations", refuse)
    response = send(coordinator, round, "jan@school.test", "school", follow=True)
    assert response.status_code == 200
    assert "de e-mails konden niet worden verstuurd" in text_of(response)
    assert Invitation.objects.get().token_hash
