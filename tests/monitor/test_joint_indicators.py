"""Proposing an indicator for a joint agreement: its source and option, and bad input."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from rondom.monitor.models import Indicator, Period, PeriodValue, SignalTheme

from .figures_world import client_for, indicator, joint_agreement, make_world

pytestmark = pytest.mark.django_db

PROPOSAL = {
    "name": "Wachttijd leren",
    "definition": "Hoeveel weken een kind wacht op hulp bij leren.",
    "perspective": "child_parent",
    "kind": "how_well",
    "target": "8",
    "better": "lower",
    "baseline": "10,5",
    "source_choice": "weeks_to_help",
    "domain": "learning",
}


@pytest.fixture
def world(manager):
    return make_world(manager)


def propose(client, joint, **changes):
    url = reverse("monitor:indicator_new", args=[joint.network_id, joint.pk])
    return client.post(url, PROPOSAL | changes)


def test_a_coordinator_proposes_an_indicator_with_a_source_and_its_option(world):
    joint = joint_agreement(world["network"])
    ann = client_for(world["ann"])
    page = ann.get(reverse("monitor:indicator_new", args=[joint.network_id, joint.pk]))
    text = page.content.decode()
    assert "Weken van hulpvraag tot eerste hulp (mediaan)" in text  # the catalogue, explained
    assert ">— Kies —</option>" in text and 'type="radio" name="better" value=""' not in text

    answer = propose(ann, joint)
    assert answer.status_code == 302
    made = Indicator.objects.get()
    assert (made.source, made.source_options) == ("weeks_to_help", {"domain": "learning"})
    assert (made.target, made.baseline, made.proposed_by) == (Decimal(8), Decimal("10.5"),
                                                              world["ann"])  # fmt: skip
    page = ann.get(answer.url).content.decode()
    assert "Weken van hulpvraag tot eerste hulp (mediaan), leren van het kind" in page
    assert "telt nog niet mee: nog 2 organisaties nodig" in page.lower()


def test_a_theme_and_an_option_that_does_not_apply(world):
    network = world["network"]
    joint = joint_agreement(network)
    theme = SignalTheme.objects.create(network=network, name="Wachtlijsten")
    elsewhere = SignalTheme.objects.create(network=world["other_network"], name="Elders")
    ann = client_for(world["ann"])
    answer = propose(ann, joint, source_choice="signals", domain="", theme=theme.pk)
    assert answer.status_code == 302
    assert Indicator.objects.get().source_options == {"theme": theme.pk}
    assert "Signalen uit casussen, thema “Wachtlijsten”" in ann.get(answer.url).content.decode()
    answer = propose(ann, joint, source_choice="signals", domain="", theme=elsewhere.pk)
    assert answer.status_code == 422
    assert "Kies een thema uit de lijst." in answer.content.decode()
    # Options the source does not use are left out.
    assert propose(ann, joint, source_choice="cases", party="parents").status_code == 302
    assert Indicator.objects.latest("pk").source_options == {}
    answer = propose(ann, joint, source_choice="manual", target="-3", domain="")
    assert answer.status_code == 302
    assert Indicator.objects.latest("pk").source == ""
    theme.delete()
    page = ann.get(answer.url).content.decode()
    assert "Signalen uit casussen, een thema dat er niet meer is" in page


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"name": ""}, "Geef de indicator een korte naam."),
        ({"definition": ""}, "Zeg in gewone woorden wat de indicator telt."),
        ({"perspective": ""}, "Kies vanuit wiens perspectief de indicator kijkt."),
        ({"perspective": "everyone"}, "Kies een van de drie perspectieven."),
        ({"better": "sideways"}, "Kies of een hoger of een lager cijfer beter is."),
        ({"source_choice": ""}, "Kies waar het cijfer vandaan komt"),
        ({"source_choice": "horoscope"}, "Kies een bron uit de lijst."),
        ({"domain": ""}, "Kies een gebied: deze bron telt er één tegelijk."),
        ({"domain": "astrology"}, "Kies een gebied uit de lijst."),
        ({"target": "acht"}, "Geef een getal, bijvoorbeeld 8 of 8,5."),
        ({"target": "8,125"}, "Geef een getal met hoogstens 2 cijfers na de komma."),
        ({"target": "123456789"}, "Geef een getal met hoogstens 8 cijfers voor de komma."),
        ({"target": "-1"}, "Deze bron telt, dus het cijfer is 0 of meer."),
        ({"source_choice": "satisfied", "target": "120"}, "Een percentage ligt tussen 0 en 100."),
        ({"source_choice": "scan_level", "level": "governance", "target": "7"},
         "Een score van de scan ligt tussen 1 en 5."),
        ({"source_choice": "scan_level", "level": ""}, "Kies een niveau van de scan"),
    ],
)  # fmt: skip
def test_bad_input_gets_a_dutch_message(world, changes, message):
    joint = joint_agreement(world["network"])
    answer = propose(client_for(world["ann"]), joint, **changes)
    assert answer.status_code == 422
    assert message in answer.content.decode()
    assert not Indicator.objects.exists()


def test_an_indicator_with_figures_keeps_its_source(world):
    network = world["network"]
    ind = indicator(joint_agreement(network, starts_on=date(2024, 1, 1)), "cases")
    period = Period.objects.create(network=network, year=2024, half=1, frozen_at=timezone.now())
    PeriodValue.objects.create(indicator=ind, period=period, value=3, count=3)
    url = reverse("monitor:indicator_edit", args=[network.pk, ind.pk])
    data = PROPOSAL | {"version": ind.version, "source_choice": "children", "domain": ""}
    answer = client_for(world["ann"]).post(url, data)
    assert answer.status_code == 422
    assert "Deze indicator heeft al cijfers, dus de bron blijft zoals die is" in (
        answer.content.decode()
    )
    ind.refresh_from_db()
    assert ind.source == "cases"
    # Its wording and target may still change.
    answer = client_for(world["ann"]).post(url, data | {"source_choice": "cases"})
    assert answer.status_code == 302
