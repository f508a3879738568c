import pytest
from rest_framework.test import APIClient

from rondom.timeline.models import Card


@pytest.fixture
def api(manager):
    client = APIClient()
    client.force_authenticate(manager)
    return client


@pytest.mark.django_db
def test_schema_is_openapi_3_and_lists_the_resources(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in ("cases", "children", "participants", "school-periods", "cards"):
        assert f"/api/v1/{path}/" in schema["paths"]


@pytest.mark.django_db
def test_create_a_case_with_child_participant_period_and_card(api):
    case = api.post("/api/v1/cases/", {"title": "API-casus"}, format="json").json()
    child = api.post(
        "/api/v1/children/",
        {"case": case["id"], "name": "Lina", "date_of_birth": "2016-04-01"},
        format="json",
    ).json()
    participant = api.post(
        "/api/v1/participants/",
        {"case": case["id"], "name": "Moeder", "role": "mother"},
        format="json",
    ).json()
    assert participant["letter"] == "M"
    period = api.post(
        "/api/v1/school-periods/",
        {
            "child": child["id"],
            "kind": "school",
            "name": "De Vlieger",
            "start_text": "augustus 2020",
            "groups": ["1", "2", "3"],
        },
        format="json",
    )
    assert period.status_code == 201, period.content
    assert period.json()["groups"] == ["1", "2", "3"]
    card = api.post(
        "/api/v1/cards/",
        {
            "case": case["id"],
            "child": child["id"],
            "kind": "development",
            "author": participant["id"],
            "date_text": "groep 2",
            "text": "Speelt graag",
        },
        format="json",
    )
    assert card.status_code == 201, card.content
    assert card.json()["starts_on"] == "2021-08-01"
    assert card.json()["precision"] == "group"


@pytest.mark.django_db
def test_invalid_date_gives_400_with_a_message(api, story):
    response = api.post(
        "/api/v1/cards/",
        {
            "case": story["case"].pk,
            "kind": "help",
            "author": story["school"].pk,
            "date_text": "groep 12",
            "text": "x",
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 400
    assert "date_text" in response.json()


@pytest.mark.django_db
def test_update_needs_the_current_version(api, story):
    card = story["help_card"]
    url = f"/api/v1/cards/{card.pk}/"
    assert api.patch(url, {"text": "zonder versie"}, format="json").status_code == 400
    ok = api.patch(url, {"text": "nieuw", "version": card.version}, format="json")
    assert ok.status_code == 200 and ok.json()["version"] == card.version + 1
    stale = api.patch(url, {"text": "oud", "version": card.version}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current"]["text"] == "nieuw"


@pytest.mark.django_db
def test_cannot_point_a_card_at_someone_elses_case_or_participant(api, story, other_story):
    foreign_participant = other_story["case"].participants.first()
    response = api.post(
        "/api/v1/cards/",
        {
            "case": other_story["case"].pk,
            "kind": "help",
            "author": foreign_participant.pk,
            "text": "x",
        },
        format="json",
    )
    assert response.status_code == 400
    mixed = api.post(
        "/api/v1/cards/",
        {"case": story["case"].pk, "kind": "help", "author": foreign_participant.pk, "text": "x"},
        format="json",
    )
    assert mixed.status_code == 400
    assert not Card.objects.filter(text="x").exists()


@pytest.mark.django_db
def test_delete_card_is_soft_and_listed_no_more(api, story):
    card = story["help_card"]
    assert api.delete(f"/api/v1/cards/{card.pk}/").status_code == 204
    ids = [c["id"] for c in api.get("/api/v1/cards/").json()["results"]]
    assert card.pk not in ids
    assert Card.objects.filter(pk=card.pk, deleted_at__isnull=False).exists()


@pytest.mark.django_db
def test_stale_version_of_a_child_gets_409(api, story):
    child = story["child"]
    url = f"/api/v1/children/{child.pk}/"
    first = api.patch(url, {"name": "Samuel", "version": child.version}, format="json")
    assert first.status_code == 200 and first.json()["version"] == child.version + 1
    stale = api.patch(url, {"name": "Sammie", "version": child.version}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current"]["name"] == "Samuel"
    child.refresh_from_db()
    assert child.name == "Samuel"


@pytest.mark.django_db
def test_a_version_that_is_no_number_gets_a_message_not_a_change(api, story):
    child = story["child"]
    for sent in ("twee", "²", True, -1, 10**30):
        response = api.patch(
            f"/api/v1/children/{child.pk}/", {"name": "Samuel", "version": sent}, format="json"
        )
        assert response.status_code == 400, sent
        assert response.json()["version"] == [
            "Stuur de versie mee die je het laatst hebt gelezen, als heel getal."
        ]
    child.refresh_from_db()
    assert child.name == "Sam" and child.version == 1


@pytest.mark.django_db
def test_absurd_paging_gives_an_empty_page_not_an_error(api, story):
    response = api.get("/api/v1/cases/", {"offset": 10**25, "limit": 10**25})
    assert response.status_code == 200
    assert response.json()["results"] == []
