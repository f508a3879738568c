"""The demo network's monitor holds what the README promises: one joint agreement with four
counting indicators (one entered by hand), two frozen half-years with stories from all three
perspectives, a held review meeting with its report, and three signals under two themes of
which one is answered, its answer shown on the cards it came from."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from rondom.accounts.models import User
from rondom.demo.accounts import DEMO_NETWORK
from rondom.demo.monitor import ANSWER, RESULT
from rondom.monitor.consent import counting
from rondom.monitor.models import Perspective, Signal, SignalOrigin, Story
from rondom.networks.models import Network
from rondom.timeline.models import CardNote
from tests.documents.pdf_reading import all_text, read_pdf


@pytest.fixture
def network(db) -> Network:
    call_command("demo")
    return Network.objects.get(name=DEMO_NETWORK)


def test_one_joint_agreement_with_four_counting_indicators_one_by_hand(network):
    joint = network.joint_agreements.get()
    assert joint.result == RESULT
    indicators = list(counting(joint.indicators.all()))
    assert len(indicators) == 4
    assert [i.is_manual for i in indicators].count(True) == 1


def test_two_frozen_half_years_with_stories_from_every_perspective(network):
    frozen = list(network.periods.filter(frozen_at__isnull=False))
    assert len(frozen) == 2
    for period in frozen:
        told = set(Story.objects.filter(period=period).values_list("perspective", flat=True))
        assert told == set(Perspective.values)
        computed = period.values.exclude(indicator__source="")
        assert computed.count() == 3 and not computed.filter(frozen_at__isnull=True).exists()


def test_the_review_meeting_is_held_and_its_report_prints(network):
    review = network.reviews.get()
    assert review.closed_at is not None
    client = Client()
    client.force_login(User.objects.get(email="coordinator@rondom.test"))
    response = client.get(reverse("monitor:review_report", args=[network.pk, review.pk]))
    text = all_text(read_pdf(response.content))
    assert "Weken tot de eerste hulp bij leren" in text
    assert "Gemeente" in text  # a story or the source of the figure entered by hand


def test_three_signals_under_two_themes_one_answered_back_on_the_cards(network):
    signals = Signal.objects.filter(network=network)
    assert signals.count() == 3
    assert signals.values("theme").distinct().count() == 2
    answered = network.signal_themes.exclude(answered_at=None)
    assert [theme.name for theme in answered] == ["Wachtlijsten"]
    cards = SignalOrigin.objects.filter(signal__theme__in=answered).values("card")
    assert CardNote.objects.filter(card__in=cards, text=ANSWER).count() == 2


def test_running_the_demo_again_adds_no_second_monitor(network):
    call_command("demo")
    assert network.joint_agreements.count() == 1
    assert Signal.objects.filter(network=network).count() == 3
