"""A card offers *Wijzigen* only to whoever may change it, on every page that shows cards;
a link that ends in a refusal is a dead end."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from rondom.timeline.kinds import CardKind

from ..conftest import coach_with_consent


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def cards_with_edit_links(html: str) -> set[int]:
    """The ids of the cards whose markup holds an edit link."""
    found = set()
    for article in re.findall(r'<article class="tl-card.*?</article>', html, re.S):
        if "tl-card__edit" in article:
            found.add(int(re.search(r'id="card-(\d+)"', article)[1]))
    return found


def timeline_of(client, story) -> str:
    url = reverse("timeline:child", args=[story["case"].pk, story["child"].pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def shown_cards(story) -> dict[str, set[int]]:
    cards = story["case"].cards.all()
    return {
        "parent": {c.pk for c in cards if c.author_id == story["parent"].pk},
        "school": {c.pk for c in cards if c.author_id == story["school"].pk},
    }


@pytest.mark.django_db
def test_a_parent_may_change_only_her_own_cards_and_is_offered_only_those(story, parent_user):
    mine = shown_cards(story)
    html = timeline_of(client_for(parent_user), story)
    assert mine["school"] and mine["parent"]
    assert cards_with_edit_links(html) == mine["parent"]


@pytest.mark.django_db
def test_a_professional_is_not_offered_to_change_a_parents_card(story):
    coach = coach_with_consent(story)
    client = client_for(coach)
    person = story["case"].participants.get(user=coach)
    own = story["builder"].card(CardKind.HELP, person, "2022", "Gezinscoaching", story["child"])
    html = timeline_of(client, story)
    assert cards_with_edit_links(html) == {own.pk}
    help_card = story["help_card"]
    history = client.get(reverse("timeline:card_history", args=[story["case"].pk, help_card.pk]))
    assert history.status_code == 200 and "tl-card__edit" not in history.content.decode()
    merge = client.get(reverse("timeline:merge", args=[story["case"].pk, story["child"].pk]))
    assert cards_with_edit_links(merge.content.decode()) == {own.pk}


@pytest.mark.django_db
def test_the_case_manager_is_offered_every_card_to_correct(story, manager_client):
    every = set().union(*shown_cards(story).values())
    assert cards_with_edit_links(timeline_of(manager_client, story)) == every


@pytest.mark.django_db
def test_a_refused_change_says_why_in_dutch(story, parent_user):
    school_card = story["case"].cards.filter(author=story["school"]).first()
    url = reverse("timeline:card_edit", args=[story["case"].pk, school_card.pk])
    response = client_for(parent_user).get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    html = response.content.decode()
    # The page's script shows the paragraph marked data-refusal when htmx gets a refusal.
    reason = re.search(r"<p[^>]*data-refusal[^>]*>(.*?)</p>", html, re.S)
    assert reason and "alleen voor de casusregisseur" in reason[1]
