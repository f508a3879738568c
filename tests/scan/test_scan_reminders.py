"""Reminders to people who have not sent their answers: at most one a week, none in the
first days after the invitation, one last one before the round closes, never twice a day."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from rondom.scan import reminders
from rondom.scan.models import Invitation
from rondom.scan.reminders import _claim, send_reminders
from rondom.scan.respondents import link_token
from tests.test_emails import FOOTER, SITE

from .rounds_setup import *  # noqa: F403 (the fixtures)
from .rounds_setup import invite_one, make_round

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE
    settings.SITE_NAME = "Rondom"


def invited(round, email: str, days_ago: int, sector: str = "school") -> Invitation:
    invitation, _token = invite_one(round, email, sector)
    moment = timezone.now() - timedelta(days=days_ago)
    Invitation.objects.filter(pk=invitation.pk).update(invited_at=moment)
    return invitation


def long_round(network, coordinator):
    return make_round(network, coordinator, opens_in=-10, closes_in=30)


@pytest.mark.django_db
def test_a_reminder_goes_once_a_day_and_once_a_week(network, coordinator, mailoutbox):
    round = long_round(network, coordinator)
    invitation = invited(round, "jan@school.test", days_ago=5)
    assert send_reminders(3, TODAY) == 1
    [message] = mailoutbox
    assert message.to == ["jan@school.test"]
    assert message.subject == f"Herinnering: de samenwerkingsscan van {network.name} in Rondom"
    link = f"{SITE}{reverse('scan:answer_link', args=[link_token(invitation.pk)])}"
    assert link in message.body and FOOTER in message.body
    assert "We hebben je antwoorden nog niet ontvangen" in message.body
    invitation.refresh_from_db()
    assert invitation.reminded_on == TODAY
    # The same day, and the days after, nothing more; a week later the next one.
    assert send_reminders(3, TODAY) == 0
    for later in range(1, 7):
        assert send_reminders(3, TODAY + timedelta(days=later)) == 0
    assert send_reminders(3, TODAY + timedelta(days=7)) == 1
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_no_reminder_in_the_first_three_days(network, coordinator, mailoutbox):
    round = long_round(network, coordinator)
    invited(round, "vandaag@school.test", days_ago=0)
    invited(round, "eergisteren@school.test", days_ago=2)
    invited(round, "drie-dagen@school.test", days_ago=3)
    assert send_reminders(3, TODAY) == 1
    assert [m.to for m in mailoutbox] == [["drie-dagen@school.test"]]


@pytest.mark.django_db
def test_no_reminder_after_sending_or_outside_an_open_round(network, coordinator, mailoutbox):
    round = long_round(network, coordinator)
    sent = invited(round, "klaar@school.test", days_ago=5)
    Invitation.objects.filter(pk=sent.pk).update(answered_at=timezone.now())
    coming = make_round(network, coordinator, opens_in=2, closes_in=20)
    invited(coming, "later@school.test", days_ago=5)
    closed = make_round(network, coordinator, opens_in=-30, closes_in=-1)
    invited(closed, "te-laat@school.test", days_ago=20)
    assert send_reminders(3, TODAY) == 0
    assert not mailoutbox


@pytest.mark.django_db
def test_one_last_reminder_before_the_round_closes(network, coordinator, mailoutbox):
    round = make_round(network, coordinator, opens_in=-10, closes_in=2)
    invitation = invited(round, "jan@school.test", days_ago=8)
    Invitation.objects.filter(pk=invitation.pk).update(reminded_on=TODAY - timedelta(days=3))
    # Closing within three days: the last reminder, although the previous one is recent.
    assert send_reminders(3, TODAY) == 1
    assert send_reminders(3, TODAY + timedelta(days=1)) == 0
    assert send_reminders(3, TODAY + timedelta(days=2)) == 0
    # Without the closing window, the week since the last reminder is not over yet.
    Invitation.objects.filter(pk=invitation.pk).update(reminded_on=TODAY - timedelta(days=3))
    assert send_reminders(1, TODAY) == 0
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_two_runs_cannot_claim_the_same_invitation(round, mailoutbox):
    invitation = invited(round, "jan@school.test", days_ago=5)
    assert _claim([invitation.pk], TODAY) == {invitation.pk}
    assert _claim([invitation.pk], TODAY) == set()
    # The run that lost the claim sends nothing.
    assert send_reminders(3, TODAY) == 0
    assert not mailoutbox


@pytest.mark.django_db
def test_reminders_go_in_batches_each_person_once(network, coordinator, mailoutbox, monkeypatch):
    monkeypatch.setattr(reminders, "BATCH", 2)
    round = long_round(network, coordinator)
    for n in range(5):
        invited(round, f"persoon{n}@school.test", days_ago=4)
    assert send_reminders(3, TODAY) == 5
    assert sorted(m.to[0] for m in mailoutbox) == [f"persoon{n}@school.test" for n in range(5)]


@pytest.mark.django_db
def test_the_daily_command_sends_the_scan_reminders(network, coordinator, mailoutbox):
    round = long_round(network, coordinator)
    invited(round, "jan@school.test", days_ago=5)
    out = StringIO()
    call_command("send_reminders", "--days", "3", stdout=out)
    assert "1 herinnering" in out.getvalue()
    assert [m.to for m in mailoutbox] == [["jan@school.test"]]
    call_command("send_reminders", "--days", "3", stdout=StringIO())
    assert len(mailoutbox) == 1
