"""Questions for help in the API: the same policy, form and version check as the pages."""

import pytest
from rest_framework.test import APIClient

from rondom.audit.models import AuditEvent
from rondom.help.models import HelpQuestion

from ..conftest import question_of


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
def test_the_schema_describes_questions():
    schema = APIClient().get("/api/v1/schema/?format=json").json()
    assert "/api/v1/questions/" in schema["paths"]
    assert "/api/v1/questions/{id}/" in schema["paths"]


@pytest.mark.django_db
def test_list_create_change_and_delete(story, coach, parent_user):
    question_of(story)
    listed = api(coach).get("/api/v1/questions/").json()
    assert [q["text"] for q in listed["results"]] == ["Waarom is Sam zo stil?"]
    created = api(coach).post(
        "/api/v1/questions/",
        {"case": story["case"].pk, "domain": "learning", "child": story["child"].pk,
         "raised_by": story["parent"].pk, "date_text": "groep 3", "status": "open"},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    assert created.json()["starts_on"] == "2021-08-01"
    pk = created.json()["id"]
    assert AuditEvent.objects.filter(action="change api:question-create", case_id=story["case"].pk)
    # The coach wrote it down, so the coach changes it; with the version last read.
    assert api(coach).patch(f"/api/v1/questions/{pk}/", {"status": "helped"}, format="json")
    changed = api(coach).patch(
        f"/api/v1/questions/{pk}/", {"status": "helped", "version": 1}, format="json"
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = api(parent_user).patch(
        f"/api/v1/questions/{pk}/", {"status": "resolved", "version": 1}, format="json"
    )
    assert stale.status_code == 409 and stale.json()["current"]["status"] == "helped"
    assert api(coach).delete(f"/api/v1/questions/{pk}/").status_code == 204
    assert not HelpQuestion.objects.filter(pk=pk).exists()


@pytest.mark.django_db
def test_a_change_without_a_version_is_refused(story, parent_user):
    url = f"/api/v1/questions/{question_of(story).pk}/"
    response = api(parent_user).patch(url, {"status": "resolved"}, format="json")
    assert response.status_code == 400 and "version" in response.json()


@pytest.mark.django_db
def test_who_did_not_raise_it_may_read_but_not_change(story, coach):
    url = f"/api/v1/questions/{question_of(story).pk}/"
    assert api(coach).get(url).status_code == 200
    assert (
        api(coach).patch(url, {"status": "resolved", "version": 1}, format="json").status_code
        == 403
    )
    assert api(coach).delete(url).status_code == 403


@pytest.mark.django_db
def test_a_card_the_reader_may_not_see_is_left_out(story, coach, draft_card):
    HelpQuestion.objects.filter(pk=question_of(story).pk).update(card=draft_card)
    url = f"/api/v1/questions/{question_of(story).pk}/"
    assert api(coach).get(url).json()["card"] is None
    assert api(story["school"].user).get(url).json()["card"] == draft_card.pk


@pytest.mark.django_db
def test_a_question_cannot_point_into_another_case(story, other_story, coach):
    response = api(coach).post(
        "/api/v1/questions/",
        {"case": other_story["case"].pk, "domain": "parenting", "status": "open"},
        format="json",
    )
    assert response.status_code == 400
    assert not HelpQuestion.objects.filter(case=other_story["case"]).exists()


@pytest.mark.django_db
def test_a_help_card_answers_a_question_through_the_api_too(story, other_story, parent_user):
    card = {"case": story["case"].pk, "kind": "help", "child": story["child"].pk,
            "text": "Training", "question": question_of(story).pk,
            "author": story["parent"].pk}  # fmt: skip
    created = api(parent_user).post("/api/v1/cards/", card, format="json")
    assert created.status_code == 201, created.json()
    assert (created.json()["question"], created.json()["domain"]) == (
        question_of(story).pk,
        "social_emotional",
    )
    elsewhere = HelpQuestion.objects.create(case=other_story["case"], domain="parenting")
    refused = api(parent_user).post(
        "/api/v1/cards/", {**card, "question": elsewhere.pk, "domain": "parenting"}, format="json"
    )
    assert refused.status_code == 400
