import pytest
from django.urls import reverse

from rondom.career.forms import parse_group_sequence
from rondom.timeline.models import Card


def test_group_sequence_keeps_repeated_years():
    assert parse_group_sequence("peuter, 1 2 3 4 4 groep5") == [
        "peuter",
        "1",
        "2",
        "3",
        "4",
        "4",
        "5",
    ]


@pytest.mark.django_db
def test_adding_a_period_places_cards_dated_by_group(manager_client, story):
    child = story["child"]
    card = Card.objects.get(text="Leest goed")  # dated "groep 3"
    period = child.school_periods.get()
    url = reverse("career:period_edit", args=[story["case"].pk, child.pk, period.pk])
    # Repeat group 1: group 3 now falls one school year later.
    manager_client.post(
        url,
        {
            "kind": "school",
            "name": "De Vlieger",
            "start_text": "augustus 2019",
            "end_text": "",
            "groups": "1 1 2 3",
            "version": period.version,
        },
    )
    card.refresh_from_db()
    assert card.starts_on.isoformat() == "2022-08-01"
    career = manager_client.get(reverse("career:career", args=[story["case"].pk, child.pk]))
    assert "2022/2023" in career.content.decode()


@pytest.mark.django_db
def test_deleting_the_period_unplaces_group_cards(manager_client, story):
    child = story["child"]
    period = child.school_periods.get()
    manager_client.post(
        reverse("career:period_delete", args=[story["case"].pk, child.pk, period.pk])
    )
    assert Card.objects.get(text="Leest goed").starts_on is None


@pytest.mark.django_db
def test_invalid_group_and_backwards_period_are_explained(manager_client, story):
    child = story["child"]
    response = manager_client.post(
        reverse("career:period_create", args=[story["case"].pk, child.pk]),
        {"kind": "school", "start_text": "2020", "end_text": "2018", "groups": "1 9"},
    )
    html = response.content.decode()
    assert "is geen groep" in html
    assert child.school_periods.count() == 1


@pytest.mark.django_db
def test_a_family_card_dated_by_group_follows_the_career_of_the_only_child(manager_client, story):
    """As when the card is saved, so that an exported case reads the same dates again."""
    b, child = story["builder"], story["child"]
    card = b.card("life_event", story["parent"], "groep 3", "Verhuisd naar de stad", None)
    assert card.starts_on.isoformat() == "2021-08-01"
    period = child.school_periods.get()
    manager_client.post(
        reverse("career:period_edit", args=[story["case"].pk, child.pk, period.pk]),
        {"kind": "school", "name": "De Vlieger", "start_text": "augustus 2019", "end_text": "",
         "groups": "1 1 2 3", "version": period.version},
    )  # fmt: skip
    card.refresh_from_db()
    assert card.starts_on.isoformat() == "2022-08-01"
