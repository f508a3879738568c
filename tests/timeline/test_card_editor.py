"""The card editor asks what the paper card asks; the rest waits behind *Meer*. Who filled in a
card is theirs to say, or the case manager's; and a development card may hold one half."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from rondom.exchange.export import export_case
from rondom.exchange.importer import import_case
from rondom.exchange.validation import CaseFileRefused
from rondom.timeline.kinds import CardKind, Domain
from rondom.timeline.models import Card

from ..conftest import coach_with_consent, question_of

HTMX = {"HTTP_HX_REQUEST": "true"}


def editor(client, url: str) -> str:
    response = client.get(url, **HTMX)
    assert response.status_code == 200
    return response.content.decode()


def split(html: str) -> tuple[str, str, bool]:
    """The editor's form before *Meer*, what *Meer* holds, and whether it opens by itself."""
    more = re.search(r"<details class=\"tl-more\"( open)?>(.*?)</details>", html, re.S)
    assert more, html
    return html[: more.start()], more[2], bool(more[1])


def names(html: str) -> set[str]:
    return set(re.findall(r'name="([a-z_]+)"', html)) - {"csrfmiddlewaretoken"}


def new_card_url(story, kind: str) -> str:
    return reverse("timeline:card_create", args=[story["case"].pk]) + (
        f"?kind={kind}&child={story['child'].pk}"
    )


def edit_url(story, card: Card) -> str:
    return reverse("timeline:card_edit", args=[story["case"].pk, card.pk]) + (
        f"?child={story['child'].pk}"
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- the editor ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_editor_asks_the_paper_cards_questions_and_keeps_the_rest_behind_more(
    story, manager_client
):
    question_of(story)  # an open question: the editor offers to set it to "help under way"
    first, more, opened = split(editor(manager_client, new_card_url(story, CardKind.HELP)))
    # Help is counted per domain against the questions for help, so a help card asks both.
    assert names(first) == {"kind", "version", "date_text", "text", "provider", "rating",
                            "domain", "question", "set_question_helped", "is_draft"}  # fmt: skip
    assert names(more) == {"child", "author", "restricted_to", "restriction_reason"}
    assert not opened
    assert more.lstrip().startswith("<summary>Meer <span")


@pytest.mark.django_db
def test_the_rating_is_three_faces_with_their_words(story, manager_client):
    first, _, _ = split(editor(manager_client, new_card_url(story, CardKind.HELP)))
    faces = re.findall(
        r'<label class="tl-face tl-face--(\w+)" for="id_rating_\d">'
        r'<input type="radio" name="rating" value="\1"[^>]*>\s*'
        r'<img class="tl-face__img" src="/static/rondom/rating-\1.svg" alt=""[^>]*>\s*'
        r'<span class="tl-face__word">([^<]+)</span></label>',
        first,
    )
    assert faces == [("good", "goed"), ("neutral", "neutraal"), ("not_good", "niet goed")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    ["domain", "family card", "someone else's card"],
)
def test_more_opens_by_itself_when_it_holds_something(story, manager_client, change):
    card = story["help_card"]  # the parent's card, about the child
    if change == "domain":  # behind Meer on every card but a help card
        card.author = story["school"]
        card.kind = CardKind.LIFE_EVENT
        card.domain = Domain.LEARNING
    elif change == "family card":
        card.author = story["school"]
        card.child = None
    card.save()
    _, _, opened = split(editor(manager_client, edit_url(story, card)))
    assert opened


@pytest.mark.django_db
def test_more_stays_shut_on_an_ordinary_card_of_ones_own(story, manager_client):
    card = story["builder"].card(CardKind.HELP, story["school"], "2022", "RT", story["child"])
    _, _, opened = split(editor(manager_client, edit_url(story, card)))
    assert not opened


@pytest.mark.django_db
def test_more_opens_on_an_error_in_it(story, manager_client):
    response = manager_client.post(
        new_card_url(story, CardKind.HELP),
        {
            "kind": CardKind.HELP,
            "domain": "learning",
            "child": story["child"].pk,
            "author": story["school"].pk,
            "text": "Alleen voor school",
            "restricted_to": [story["school"].pk],  # but no reason given
        },
        **HTMX,
    )
    assert response.status_code == 422
    _, more, opened = split(response.content.decode())
    assert opened and "id_restriction_reason_error" in more


# --- who filled in the card ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_professional_who_is_not_the_manager_cannot_write_for_the_mother(story):
    coach = coach_with_consent(story)
    me = story["case"].participants.get(user=coach)
    client = client_for(coach)
    _, more, _ = split(editor(client, new_card_url(story, CardKind.HELP)))
    assert 'name="author"' not in more
    client.post(
        new_card_url(story, CardKind.HELP),
        {
            "kind": CardKind.HELP,
            "domain": "learning",
            "text": "Namens moeder?",
            "author": story["parent"].pk,
        },
        **HTMX,
    )
    assert Card.objects.get(text="Namens moeder?").author == me  # the other author is ignored
    own = Card.objects.get(text="Namens moeder?")
    client.post(
        edit_url(story, own),
        {
            "kind": CardKind.HELP,
            "domain": "learning",
            "text": "Nog steeds van mij",
            "author": story["parent"].pk,
            "version": own.version,
        },
        **HTMX,
    )
    own.refresh_from_db()
    assert (own.text, own.author) == ("Nog steeds van mij", me)


@pytest.mark.django_db
def test_nor_through_the_api(story):
    coach = coach_with_consent(story)
    me = story["case"].participants.get(user=coach)
    api = APIClient()
    api.force_authenticate(coach)
    made = api.post(
        "/api/v1/cards/",
        {
            "case": story["case"].pk,
            "kind": CardKind.HELP,
            "domain": "learning",
            "text": "Via de API",
            "author": story["parent"].pk,
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["author"] == me.pk
    changed = api.patch(
        f"/api/v1/cards/{made.json()['id']}/",
        {"author": story["parent"].pk, "version": made.json()["version"]},
        format="json",
    )
    assert changed.status_code == 200 and changed.json()["author"] == me.pk
    assert Card.objects.get(text="Via de API").author == me


@pytest.mark.django_db
def test_the_history_says_when_the_case_manager_wrote_for_someone(story, manager_client):
    manager_client.post(
        new_card_url(story, CardKind.LIFE_EVENT),
        {
            "kind": CardKind.LIFE_EVENT,
            "child": story["child"].pk,
            "author": story["parent"].pk,
            "date_text": "2020",
            "text": "Verhuisd naar Delft",
        },
        **HTMX,
    )
    card = Card.objects.get(text="Verhuisd naar Delft")
    assert card.author == story["parent"]
    manager_client.post(
        edit_url(story, card),
        {
            "kind": CardKind.LIFE_EVENT,
            "child": story["child"].pk,
            "author": story["parent"].pk,
            "date_text": "2020",
            "text": "Naar Delft-Zuid",
            "version": card.version,
        },
        **HTMX,
    )
    history = manager_client.get(reverse("timeline:card_history", args=[story["case"].pk, card.pk]))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", history.content.decode()))
    assert "Aangemaakt door Inge Bakker namens Samira" in text
    assert "Gewijzigd door Inge Bakker op het kaartje van Samira" in text


@pytest.mark.django_db
def test_the_history_of_ones_own_card_names_one_person(story, parent_user):
    card = story["help_card"]
    client = client_for(parent_user)
    client.post(
        edit_url(story, card),
        {
            "kind": CardKind.HELP,
            "domain": "learning",
            "text": "Speltherapie, twee keer",
            "rating": "good",
            "child": story["child"].pk,
            "version": card.version,
        },
        **HTMX,
    )
    history = client.get(reverse("timeline:card_history", args=[story["case"].pk, card.pk]))
    html = history.content.decode()
    assert "Gewijzigd" in html and "namens" not in html and "op het kaartje van" not in html


@pytest.mark.django_db
def test_the_manager_cannot_make_a_private_draft_for_someone_else(story, manager_client):
    response = manager_client.post(
        new_card_url(story, CardKind.LIFE_EVENT),
        {
            "kind": CardKind.LIFE_EVENT,
            "child": story["child"].pk,
            "author": story["parent"].pk,
            "text": "Stil concept",
            "is_draft": "on",
        },
        **HTMX,
    )
    assert response.status_code == 422
    assert "Alleen wie het kaartje invult" in response.content.decode()
    assert not Card.objects.filter(text="Stil concept").exists()


# --- development cards -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_development_card_may_hold_only_a_concern(story, parent_user):
    client = client_for(parent_user)
    response = client.post(
        new_card_url(story, CardKind.DEVELOPMENT),
        {
            "kind": CardKind.DEVELOPMENT,
            "child": story["child"].pk,
            "date_text": "groep 3",
            "text": "",
            "text_less_well": "Rekenen gaat moeizaam",
        },
        **HTMX,
    )
    assert response.status_code == 200
    card = Card.objects.get(text_less_well="Rekenen gaat moeizaam")
    assert card.text == ""
    timeline = client.get(reverse("timeline:child", args=[story["case"].pk, story["child"].pk]))
    assert "Rekenen gaat moeizaam" in timeline.content.decode()


@pytest.mark.django_db
def test_a_development_card_says_at_least_one_half(story, parent_user):
    response = client_for(parent_user).post(
        new_card_url(story, CardKind.DEVELOPMENT),
        {
            "kind": CardKind.DEVELOPMENT,
            "child": story["child"].pk,
            "date_text": "groep 3",
            "text": "",
            "text_less_well": "  ",
        },
        **HTMX,
    )
    assert response.status_code == 422
    assert "Schrijf op wat goed gaat, wat minder goed gaat, of allebei." in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_other_cards_still_need_their_text(story, parent_user):
    response = client_for(parent_user).post(
        new_card_url(story, CardKind.LIFE_EVENT),
        {"kind": CardKind.LIFE_EVENT, "child": story["child"].pk, "text": ""},
        **HTMX,
    )
    assert response.status_code == 422
    assert 'id="id_text_error"' in response.content.decode()


@pytest.mark.django_db
def test_the_api_follows_the_same_rule(story, parent_user):
    api = APIClient()
    api.force_authenticate(parent_user)
    base = {"case": story["case"].pk, "child": story["child"].pk, "author": story["parent"].pk,
            "kind": CardKind.DEVELOPMENT}  # fmt: skip
    only_concern = api.post("/api/v1/cards/", {**base, "text_less_well": "Spelling"}, "json")
    assert only_concern.status_code == 201, only_concern.json()
    neither = api.post("/api/v1/cards/", base, format="json")
    assert neither.status_code == 400
    assert "wat minder goed gaat" in neither.json()["text"][0]
    no_text = api.post("/api/v1/cards/", {**base, "kind": CardKind.LIFE_EVENT}, format="json")
    assert no_text.status_code == 400 and "text" in no_text.json()


@pytest.mark.django_db
def test_a_case_file_follows_the_same_rule(story):
    story["builder"].card(
        CardKind.DEVELOPMENT, story["school"], "groep 3", "", story["child"],
        text_less_well="Schrijven",
    )  # fmt: skip
    document = export_case(story["case"])
    imported = import_case(json.dumps(document)).case
    assert imported.cards.filter(text="", text_less_well="Schrijven").exists()

    index = next(i for i, c in enumerate(document["cards"]) if c["text_less_well"] == "Schrijven")
    document["cards"][index]["text_less_well"] = ""
    life = next(i for i, c in enumerate(document["cards"]) if c["kind"] == "life_event")
    document["cards"][life]["text"] = ""
    with pytest.raises(CaseFileRefused) as caught:
        import_case(json.dumps(document))
    problems = [str(problem) for problem in caught.value.problems]
    assert f"cards[{index}].text: is leeg, en text_less_well ook" in problems[0] + problems[1]
    assert f"cards[{life}].text: is leeg, en een kaartje heeft een tekst nodig" in problems
