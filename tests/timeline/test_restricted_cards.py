"""Cards kept to named people; keeping one from the parents needs the safety reason."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from rondom.audit.models import AuditEvent
from rondom.cases.models import Role
from rondom.timeline.models import Card

from ..conftest import make_user


@pytest.fixture
def coach(story):
    user = make_user("coach@jeugd.test")
    person = story["builder"].person("Coach", Role.YOUTH_CARE, user)
    story["case"].consents.create(
        given_by=story["parent"],
        participant=person,
        purpose="overleg",
        valid_from=date(2020, 1, 1),
        valid_until=date(2099, 1, 1),
    )
    return user, person


def post_card(client, story, **extra):
    url = reverse("timeline:card_create", args=[story["case"].pk]) + "?kind=wellbeing"
    data = {"kind": "wellbeing", "child": story["child"].pk, "text": "Zorgen", **extra}
    return client.post(url, data, HTTP_HX_REQUEST="true")


@pytest.mark.django_db
def test_keeping_a_card_from_parents_needs_the_safety_reason(story, manager_client, coach):
    _, person = coach
    people = [story["school"].pk, person.pk]
    me = story["school"].pk
    refused = post_card(
        manager_client, story, author=me, restricted_to=people, restriction_reason="safe_place"
    )
    assert refused.status_code == 422 and not Card.objects.filter(text="Zorgen").exists()
    post_card(
        manager_client, story, author=me, restricted_to=people, restriction_reason="child_safety"
    )
    card = Card.objects.get(text="Zorgen")
    assert set(card.restricted_to.all()) == {story["school"], person}
    assert AuditEvent.objects.filter(card_id=card.pk, action__startswith="restrict").exists()


@pytest.mark.django_db
def test_restricted_card_is_hidden_from_everyone_not_named(
    story, manager_client, coach, parent_user
):
    coach_user, _ = coach
    post_card(
        manager_client,
        story,
        author=story["school"].pk,
        restricted_to=[story["school"].pk],
        restriction_reason="child_safety",
    )
    card = Card.objects.get(text="Zorgen")
    timeline = reverse("timeline:child", args=[story["case"].pk, story["child"].pk])
    for user in (parent_user, coach_user):
        client = Client()
        client.force_login(user)
        assert "Zorgen" not in client.get(timeline).content.decode()
        assert client.get(f"/api/v1/cards/{card.pk}/").status_code == 404
        ids = [c["id"] for c in client.get("/api/v1/cards/").json()["results"]]
        assert card.pk not in ids
    review = manager_client.get(reverse("timeline:restricted_cards", args=[story["case"].pk]))
    assert "Zorgen" in review.content.decode()


@pytest.mark.django_db
def test_parents_cannot_restrict_cards(story, parent_user):
    client = Client()
    client.force_login(parent_user)
    post_card(client, story, restricted_to=[story["parent"].pk], restriction_reason="safe_place")
    card = Card.objects.get(text="Zorgen")
    assert card.author == story["parent"] and not card.restricted_to.exists()


@pytest.mark.django_db
def test_participants_change_only_their_own_cards(story, coach):
    coach_user, _ = coach
    client = Client()
    client.force_login(coach_user)
    edit = reverse("timeline:card_edit", args=[story["case"].pk, story["help_card"].pk])
    assert client.get(edit).status_code == 403
    delete = reverse("timeline:card_delete", args=[story["case"].pk, story["help_card"].pk])
    assert client.post(delete).status_code == 403
    assert Card.objects.alive().filter(pk=story["help_card"].pk).exists()


@pytest.mark.django_db
def test_case_manager_correction_is_logged_as_such(story, manager_client):
    card = story["help_card"]  # written by the parent
    url = reverse("timeline:card_edit", args=[story["case"].pk, card.pk])
    manager_client.post(
        url,
        {
            "kind": "help",
            "child": story["child"].pk,
            "author": card.author_id,
            "date_text": "2021",
            "text": "Speltherapie (gecorrigeerd)",
            "rating": "good",
            "version": card.version,
        },
    )
    event = AuditEvent.objects.filter(card_id=card.pk, action="change timeline:card_edit").get()
    assert "correction by case manager" in event.reason
