"""Cards dated "sinds groep 5", "tot groep 6" or "t/m groep 6" are placed through the school
career, follow it when it changes, and travel in a case file like "groep 4" does."""

import json

import pytest
from django.urls import reverse

from rondom.core.fuzzy_dates import Precision
from rondom.exchange.export import export_case
from rondom.exchange.importer import import_case
from rondom.timeline.kinds import CardKind
from rondom.timeline.models import Card

# The story's career: De Vlieger from August 2019, groups 1 2 3 4, one school year each.
EXPECTED = {
    "sinds groep 2": ("2020-08-01", "2023-07-31"),
    "vanaf groep 4": ("2022-08-01", "2023-07-31"),
    "tot groep 3": ("2019-08-01", "2021-07-31"),
    "t/m groep 3": ("2019-08-01", "2022-07-31"),
}


def add(client, story, when: str) -> Card:
    url = reverse("timeline:card_create", args=[story["case"].pk])
    client.post(
        f"{url}?kind=help&child={story['child'].pk}",
        {
            "kind": "help",
            "domain": "learning",
            "child": story["child"].pk,
            "author": story["school"].pk,
            "date_text": when,
            "text": f"Hulp {when}",
        },
    )
    return Card.objects.get(text=f"Hulp {when}")


@pytest.mark.django_db
@pytest.mark.parametrize("when", list(EXPECTED))
def test_a_stretch_of_the_career_is_placed_through_it(manager_client, story, when):
    card = add(manager_client, story, when)
    assert card.precision == Precision.GROUP
    assert (card.starts_on.isoformat(), card.ends_on.isoformat()) == EXPECTED[when]


@pytest.mark.django_db
def test_it_moves_when_the_career_changes(manager_client, story):
    card = add(manager_client, story, "sinds groep 2")
    child = story["child"]
    period = child.school_periods.get()
    manager_client.post(
        reverse("career:period_edit", args=[story["case"].pk, child.pk, period.pk]),
        {
            "kind": "school",
            "name": "De Vlieger",
            "start_text": "augustus 2019",
            "end_text": "",
            "groups": "1 1 2 3 4 5",
            "version": period.version,
        },
    )
    card.refresh_from_db()
    assert (card.starts_on.isoformat(), card.ends_on.isoformat()) == ("2021-08-01", "2025-07-31")


@pytest.mark.django_db
def test_it_survives_a_case_file(manager_client, story):
    for when in EXPECTED:
        add(manager_client, story, when)
    imported = import_case(json.dumps(export_case(story["case"]))).case
    for when, (start, end) in EXPECTED.items():
        card = imported.cards.get(kind=CardKind.HELP, date_text=when)
        assert (card.starts_on.isoformat(), card.ends_on.isoformat()) == (start, end)


@pytest.mark.django_db
def test_before_group_1_is_explained(manager_client, story):
    url = reverse("timeline:card_create", args=[story["case"].pk])
    response = manager_client.post(
        f"{url}?kind=help&child={story['child'].pk}",
        {
            "kind": "help",
            "domain": "learning",
            "author": story["school"].pk,
            "date_text": "tot groep 1",
            "text": "x",
        },
    )
    assert "Groep 1 is de eerste groep" in response.content.decode()
