"""A card's history says what changed in words: names, choice labels, and what empty means."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from rondom.cases.models import Role
from rondom.timeline.card_changes import create_card, save_card_changes
from rondom.timeline.card_fields import snapshot
from rondom.timeline.kinds import CardKind
from rondom.timeline.models import Card


def change(card: Card, user, restricted_to=None, **values) -> None:
    before = snapshot(card)
    for name, value in values.items():
        setattr(card, name, value)
    save_card_changes(card, before, card.version, user, restricted_to)


@pytest.fixture
def changed_card(story, manager):
    """Written as a private draft; then shared, rated, given a domain and limited to the case
    manager and the parent; then handed to the coach, and open to everyone again."""
    b = story["builder"]
    coach = b.person("Jeroen Visser", Role.YOUTH_CARE)
    card = Card(
        case=story["case"], child=story["child"], kind=CardKind.HELP, author=b.manager,
        text="Huiswerkklas", date_text="2022", is_draft=True,
    )  # fmt: skip
    create_card(card, manager)
    change(card, manager, [b.manager, story["parent"]], is_draft=False, rating="good",
           domain="learning", restriction_reason="safe_place")  # fmt: skip
    change(card, manager, [], author=coach, restriction_reason="")
    return card


def history(client: Client, card: Card) -> list[str]:
    """Each revision's changes as text: "label: old → new" or "label: new"."""
    url = reverse("timeline:card_history", args=[card.case_id, card.pk])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    lines = []
    for label, value in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page):
        value = re.sub(r'<span class="rondom-visually-hidden">.*?</span>', "", value)
        lines.append(f"{label}: {re.sub(r'<[^>]+>', '', value)}")
    return lines


@pytest.mark.django_db
def test_the_history_says_each_change_in_words(changed_card, manager_client):
    lines = history(manager_client, changed_card)
    assert "Delen: alleen voor mij → gedeeld met de casus" in lines
    assert "Waardering: (leeg) → goed" in lines
    assert "Gebied: (leeg) → leren van het kind" in lines
    assert "Alleen voor: iedereen in de casus → Inge Bakker, Samira" in lines
    assert "Alleen voor: Inge Bakker, Samira → iedereen in de casus" in lines
    assert (
        "Reden om af te schermen: (leeg) → school moet een veilige plek blijven voor het kind"
        in lines
    )
    assert "Ingevuld door: Inge Bakker → Jeroen Visser" in lines
    # The new card: its values only, the whole family or a child by name.
    assert "Over: Sam" in lines and "Soort: hulp" in lines
    assert "Delen: alleen voor mij" in lines
    text = " ".join(lines)
    for raw in ("True", "False", "None", "—", "[", "safe_place", "learning"):
        assert raw not in text


@pytest.mark.django_db
def test_who_could_not_see_the_earlier_version_reads_new_values_only(changed_card, parent_user):
    """The parent never saw the draft, so the change that shared it shows no earlier values,
    and not that the card was a draft or who it is limited to."""
    parent = Client()
    parent.force_login(parent_user)
    lines = history(parent, changed_card)
    assert "Waardering: goed" in lines and "Gebied: leren van het kind" in lines
    assert "Ingevuld door: Inge Bakker → Jeroen Visser" in lines
    assert "Waardering: (leeg) → goed" not in lines
    assert "alleen voor mij" not in " ".join(lines)
