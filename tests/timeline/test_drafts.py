"""A private draft is seen by its author only, until it is shared."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from rondom.timeline.models import Card

from ..conftest import make_user

SECRET = "Mijn eigen kijk op groep 3"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def draft(story, parent_user):
    client = logged_in(parent_user)
    url = reverse("timeline:card_create", args=[story["case"].pk]) + "?kind=development"
    client.post(
        url,
        {
            "kind": "development",
            "child": story["child"].pk,
            "date_text": "groep 3",
            "text": SECRET,
            "is_draft": "on",
        },
    )
    return Card.objects.get(text=SECRET)


def urls_of(story, card) -> list[str]:
    case = story["case"].pk
    return [
        reverse("timeline:card_edit", args=[case, card.pk]),
        reverse("timeline:card_history", args=[case, card.pk]),
    ]


@pytest.mark.django_db
def test_nobody_but_the_author_sees_a_draft(story, draft, manager, parent_user):
    assert draft.is_draft and draft.author == story["parent"]
    timeline = reverse("timeline:child", args=[story["case"].pk, story["child"].pk])
    site_admin = make_user("admin@x.test", is_superuser=True, is_staff=True)
    for user in (manager, site_admin):
        client = logged_in(user)
        assert SECRET not in client.get(timeline).content.decode()
        for url in urls_of(story, draft):
            assert client.get(url).status_code == 404
        api = APIClient()
        api.force_authenticate(user)
        assert api.get(f"/api/v1/cards/{draft.pk}/").status_code == 404
        assert SECRET not in api.get("/api/v1/cards/").content.decode()
    own = logged_in(parent_user)
    assert SECRET in own.get(timeline).content.decode()
    assert SECRET in own.get(timeline, {"mine": "1"}).content.decode()


@pytest.mark.django_db
def test_my_perspective_shows_only_my_cards(story, draft, parent_user):
    timeline = reverse("timeline:child", args=[story["case"].pk, story["child"].pk])
    html = logged_in(parent_user).get(timeline, {"mine": "1"}).content.decode()
    assert "Speltherapie" in html  # the parent's shared card
    assert "Leest goed" not in html  # the school's card
    assert "1 kaartje dat alleen jij ziet" in html  # the reminder to share


@pytest.mark.django_db
def test_sharing_all_drafts_shows_them_to_the_case(story, draft, parent_user, manager):
    logged_in(parent_user).post(reverse("timeline:share_drafts", args=[story["case"].pk]))
    draft.refresh_from_db()
    assert not draft.is_draft
    assert draft.revisions.first().action == "shared"
    timeline = reverse("timeline:child", args=[story["case"].pk, story["child"].pk])
    assert SECRET in logged_in(manager).get(timeline).content.decode()


@pytest.mark.django_db
def test_sharing_one_card_by_editing_it(story, draft, parent_user, manager):
    url = reverse("timeline:card_edit", args=[story["case"].pk, draft.pk])
    logged_in(parent_user).post(
        url,
        {
            "kind": "development",
            "child": story["child"].pk,
            "date_text": "groep 3",
            "text": SECRET,
            "version": draft.version,
        },
    )
    draft.refresh_from_db()
    assert not draft.is_draft
    assert logged_in(manager).get(url).status_code == 200
