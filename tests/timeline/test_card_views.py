"""Adding, editing, moving, deleting and restoring cards through the pages, as htmx sends them."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from rondom.timeline.models import Card, CardRevision

HTMX = {"HTTP_HX_REQUEST": "true"}


def new_card_url(story, kind="help"):
    return reverse("timeline:card_create", args=[story["case"].pk]) + (
        f"?kind={kind}&child={story['child'].pk}"
    )


@pytest.mark.django_db
def test_add_help_card_in_place(manager_client, story):
    response = manager_client.post(
        new_card_url(story),
        {
            "kind": "help",
            "child": story["child"].pk,
            "author": story["school"].pk,
            "date_text": "schooljaar 2022/2023",
            "text": "Remedial teaching lezen",
            "provider": "RT-praktijk",
            "rating": "neutral",
            "domain": "learning",
        },
        **HTMX,
    )
    assert response.status_code == 200
    card = Card.objects.get(text="Remedial teaching lezen")
    # The timeline draws itself again; the page says the card is saved and focuses it.
    assert json.loads(response["HX-Trigger"]) == {
        "timeline-changed": "",
        "card-saved": {"card": card.pk, "message": "Kaartje opgeslagen."},
    }
    assert (card.starts_on.isoformat(), card.ends_on.isoformat()) == ("2022-08-01", "2023-07-31")
    assert card.revisions.get().action == CardRevision.Action.CREATED
    page = manager_client.get(reverse("timeline:child", args=[story["case"].pk, story["child"].pk]))
    assert "Remedial teaching lezen" in page.content.decode()


@pytest.mark.django_db
def test_invalid_date_is_explained_next_to_the_field_in_dutch(manager_client, story):
    response = manager_client.post(
        new_card_url(story, "life_event"),
        {
            "kind": "life_event",
            "author": story["school"].pk,
            "date_text": "31-02-2020",
            "text": "x",
        },
        HTTP_ACCEPT_LANGUAGE="nl",
        **HTMX,
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_date_text_error"' in html
    assert "februari" in html
    assert not Card.objects.filter(text="x").exists()


@pytest.mark.django_db
def test_group_date_is_placed_through_the_school_career(manager_client, story):
    manager_client.post(
        new_card_url(story, "development"),
        {
            "kind": "development",
            "child": story["child"].pk,
            "author": story["school"].pk,
            "date_text": "groep 2",
            "text": "Speelt samen",
        },
    )
    card = Card.objects.get(text="Speelt samen")
    # The career starts in August 2019 with group 1, so group 2 is school year 2020/2021.
    assert card.starts_on.isoformat() == "2020-08-01"
    assert card.ends_on.isoformat() == "2021-07-31"


@pytest.mark.django_db
def test_edit_keeps_history_of_who_changed_what(manager_client, story, manager):
    card = story["help_card"]
    url = reverse("timeline:card_edit", args=[story["case"].pk, card.pk])
    data = {
        "kind": "help",
        "child": story["child"].pk,
        "author": card.author_id,
        "date_text": "2022",
        "text": "Speltherapie bij Praktijk Zon",
        "provider": "",
        "rating": "not_good",
        "version": card.version,
    }
    assert manager_client.post(url, data, **HTMX).status_code == 200
    card.refresh_from_db()
    assert card.version == 2 and card.rating == "not_good"
    revision = card.revisions.first()
    assert revision.changed_by == manager
    assert revision.changes["rating"] == ["good", "not_good"]
    assert revision.changes["date_text"] == ["2021", "2022"]
    history = manager_client.get(reverse("timeline:card_history", args=[story["case"].pk, card.pk]))
    assert "Speltherapie bij Praktijk Zon" in history.content.decode()
    assert "<del>goed</del>" in history.content.decode()
    assert "werd</span> niet goed" in history.content.decode()


@pytest.mark.django_db
def test_moving_a_card_is_recorded_as_a_move(manager_client, story):
    card = story["help_card"]
    url = reverse("timeline:card_edit", args=[story["case"].pk, card.pk])
    data = {
        "kind": "help",
        "child": story["child"].pk,
        "author": card.author_id,
        "date_text": "voorjaar 2019",
        "text": card.text,
        "rating": card.rating,
        "version": card.version,
    }
    manager_client.post(url, data)
    card.refresh_from_db()
    assert card.starts_on.isoformat() == "2019-03-01"
    assert card.revisions.first().action == CardRevision.Action.MOVED


@pytest.mark.django_db
def test_second_save_of_a_stale_version_is_refused_and_shows_the_other_text(
    manager_client, story, parent_user
):
    card = story["help_card"]
    url = reverse("timeline:card_edit", args=[story["case"].pk, card.pk])
    base = {
        "kind": "help",
        "child": story["child"].pk,
        "author": card.author_id,
        "date_text": "2021",
        "rating": "good",
        "version": card.version,
    }
    other = Client()
    other.force_login(parent_user)
    assert other.post(url, {**base, "text": "Tekst van ouder"}, **HTMX).status_code == 200
    response = manager_client.post(url, {**base, "text": "Tekst van school"}, **HTMX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Tekst van ouder" in html and "Tekst van school" in html
    card.refresh_from_db()
    assert card.text == "Tekst van ouder"


@pytest.mark.django_db
def test_delete_then_undo(manager_client, story):
    card = story["help_card"]
    response = manager_client.post(
        reverse("timeline:card_delete", args=[story["case"].pk, card.pk]), **HTMX
    )
    assert "card_restore" not in response.content.decode()
    assert reverse("timeline:card_restore", args=[story["case"].pk, card.pk]) in (
        response.content.decode()
    )
    assert not Card.objects.alive().filter(pk=card.pk).exists()
    timeline = reverse("timeline:child", args=[story["case"].pk, story["child"].pk])
    assert "Speltherapie" not in manager_client.get(timeline).content.decode()
    manager_client.post(reverse("timeline:card_restore", args=[story["case"].pk, card.pk]), **HTMX)
    assert Card.objects.alive().filter(pk=card.pk).exists()
    assert "Speltherapie" in manager_client.get(timeline).content.decode()
    actions = list(card.revisions.values_list("action", flat=True))
    assert actions[:2] == ["restored", "deleted"]


@pytest.mark.django_db
def test_card_without_date_sits_in_the_tray(manager_client, story):
    page = manager_client.get(reverse("timeline:child", args=[story["case"].pk, story["child"].pk]))
    html = page.content.decode()
    tray = html[html.index('id="tray-heading"') :]
    assert "Zonder datum" in tray


@pytest.mark.django_db
def test_filter_by_author_shows_one_perspective(manager_client, story):
    url = reverse("timeline:child", args=[story["case"].pk, story["child"].pk])
    html = manager_client.get(url, {"author": story["school"].pk}).content.decode()
    assert "Leest goed" in html
    assert "Speltherapie" not in html
    rows = manager_client.get(url, {"row": "help"}).content.decode()
    assert "Speltherapie" in rows and "tl-row--life_event" not in rows
