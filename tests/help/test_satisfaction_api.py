"""Satisfaction and the consent for figures in the JSON API, through the same policy as the
pages, and in the OpenAPI schema."""

import pytest
from rest_framework.test import APIClient

from rondom.audit.models import AuditEvent
from rondom.cases.models import FiguresConsent, Role
from rondom.help.models import HelpSatisfaction
from rondom.help.satisfaction import record_answer

pytestmark = pytest.mark.django_db
URL = "/api/v1/satisfaction/"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_parent_gives_an_answer_and_everyone_in_the_case_reads_it(story, people):
    parent = story["parent"]
    sent = {
        "case": story["case"].pk,
        "participant": parent.pk,
        "satisfaction": "partly",
        "reasons": ["help_fits", "waiting"],
        "remark": "QXAPI",
    }
    response = api(people["parent"]).post(URL, sent, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["party"] == "parents" and body["reasons"] == ["help_fits", "waiting"]
    assert body["on_behalf"] is False and body["at_close"] is False
    assert AuditEvent.objects.filter(
        case_id=story["case"].pk, action="change api:satisfaction-create", channel="api"
    ).exists()
    for role in ("participant", "no_agreements", "case_manager", "site_admin"):
        listed = api(people[role]).get(f"{URL}?case={story['case'].pk}").json()["results"]
        assert [a["remark"] for a in listed] == ["QXAPI"], role
    for role in ("outsider", "other_parent", "org_admin", "no_consent"):
        assert b"QXAPI" not in api(people[role]).get(URL).content, role


def test_nobody_answers_for_someone_else_through_the_api(story, people):
    case = story["case"]
    sent = {"case": case.pk, "participant": story["school"].pk, "satisfaction": "satisfied"}
    response = api(people["parent"]).post(URL, sent, format="json")
    assert response.status_code == 400 and "participant" in response.json()
    for role in ("outsider", "no_consent"):
        assert api(people[role]).post(URL, sent, format="json").status_code in (400, 404)
    assert not HelpSatisfaction.objects.exists()


def test_the_case_manager_answers_for_someone_without_an_account(story, people):
    grandma = story["builder"].person("Oma", Role.OTHER)
    sent = {"case": story["case"].pk, "participant": grandma.pk, "satisfaction": "satisfied",
            "meeting": story["meeting"].pk}  # fmt: skip
    response = api(people["case_manager"]).post(URL, sent, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["on_behalf"] is True
    assert HelpSatisfaction.objects.get().meeting == story["meeting"]


def test_a_remark_follows_the_form_rules(story, people):
    sent = {"case": story["case"].pk, "participant": story["parent"].pk,
            "satisfaction": "satisfied", "remark": "x" * 301}  # fmt: skip
    assert api(people["parent"]).post(URL, sent, format="json").status_code == 400
    sent["remark"], sent["reasons"] = "", ["no_such_reason"]
    assert api(people["parent"]).post(URL, sent, format="json").status_code == 400


def test_the_case_says_whether_it_counts_in_figures(story, people):
    url = f"/api/v1/cases/{story['case'].pk}/"
    assert api(people["parent"]).get(url).json()["counts_in_figures"] is False
    consent = FiguresConsent.objects.create(
        case=story["case"], given_by=story["parent"], recorded_by=people["parent"]
    )
    assert api(people["participant"]).get(url).json()["counts_in_figures"] is True
    listed = api(people["case_manager"]).get("/api/v1/cases/").json()["results"]
    assert [c["counts_in_figures"] for c in listed] == [True]
    consent.withdrawn_at = consent.recorded_at
    consent.save()
    assert api(people["parent"]).get(url).json()["counts_in_figures"] is False
    assert api(people["outsider"]).get(url).status_code == 404


def test_the_schema_describes_both(client):
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/satisfaction/:" in schema
    assert "satisfaction_create" in schema and "counts_in_figures" in schema
    assert "/api/v1/satisfaction/{id}/" not in schema  # answers are never changed


def test_listing_many_answers_takes_few_queries(story, people, django_assert_max_num_queries):
    for n in range(30):
        record_answer(participant=story["parent"], satisfaction="satisfied",
                      reasons=["skilled", "help_fits"], remark=str(n),
                      given_by=people["parent"])  # fmt: skip
    with django_assert_max_num_queries(12):
        assert len(api(people["parent"]).get(URL).json()["results"]) == 30
