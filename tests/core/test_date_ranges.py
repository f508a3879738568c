"""The same date ranges hold in the forms, the API and the import, with the same message."""

import json
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from rondom.career.forms import SchoolPeriodForm
from rondom.cases.forms import ConsentForm
from rondom.exchange.export import export_case
from rondom.exchange.importer import import_case
from rondom.exchange.validation import CaseFileRefused
from rondom.meetings.forms import AgreementForm, MeetingForm

BIRTH = "Geef een geboortedatum tussen 1990 en vandaag."
YEAR_9999 = "Het jaar 9999 kunnen we niet gebruiken. Kies een jaar van 1900 tot en met {last}."
WORK = "Geef een datum tussen 1990 en 2100."


def year_9999() -> str:
    return YEAR_9999.format(last=timezone.localdate().year + 2)


@pytest.fixture
def api(manager):
    client = APIClient()
    client.force_authenticate(manager)
    return client


def import_problems(document: dict) -> list[str]:
    with pytest.raises(CaseFileRefused) as caught:
        import_case(json.dumps(document))
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.django_db
def test_a_date_of_birth_in_year_one(manager_client, api, story):
    case = story["case"]
    page = manager_client.post(
        reverse("cases:child_create", args=[case.pk]),
        {"name": "Oud", "date_of_birth": "0001-01-01"},
    )
    assert BIRTH in page.content.decode()
    response = api.post(
        "/api/v1/children/",
        {"case": case.pk, "name": "Oud", "date_of_birth": "0001-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"date_of_birth": [BIRTH]}
    document = export_case(case)
    document["children"][0]["date_of_birth"] = "0001-01-01"
    assert import_problems(document) == [f"children[0].date_of_birth: {BIRTH}"]
    assert not case.children.filter(name="Oud").exists()


@pytest.mark.django_db
def test_a_card_on_the_last_day_of_year_9999(manager_client, api, story):
    case = story["case"]
    card = {"kind": "help", "author": story["school"].pk, "date_text": "31-12-9999", "text": "x"}
    page = manager_client.post(reverse("timeline:card_create", args=[case.pk]) + "?kind=help", card)
    assert page.status_code == 422
    assert year_9999() in page.content.decode()
    response = api.post("/api/v1/cards/", {**card, "case": case.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["date_text"] == [year_9999()]
    document = export_case(case)
    document["cards"][0].update(
        date_text="31-12-9999", starts_on="9999-12-31", ends_on="9999-12-31", precision="day"
    )
    assert import_problems(document) == [f"cards[0].date_text: {year_9999()}"]


@pytest.mark.django_db
def test_meeting_agreement_and_consent_dates_stay_within_the_years_of_the_work(story):
    case = story["case"]
    meeting = MeetingForm({"held_on": "0001-01-01", "goal": "inform"}, case=case)
    assert meeting.errors["held_on"] == [WORK]
    agreement = AgreementForm(
        {"what": "x", "owner": story["school"].pk, "due_on": "9999-12-31"}, case=case
    )
    assert agreement.errors["due_on"] == [WORK]
    consent = ConsentForm(
        {
            "given_by": story["parent"].pk,
            "participant": story["school"].pk,
            "timeline": "on",
            "purpose": "bespreken",
            "valid_from": "2024-01-01",
            "valid_until": "9999-12-31",
        },
        case=case,
    )
    assert consent.errors["valid_until"] == [WORK]
    document = export_case(case)
    document["meetings"][0]["held_on"] = "0001-01-01"
    document["consents"][0]["valid_until"] = "9999-12-31"
    problems = import_problems(document)
    assert f"meetings[0].held_on: {WORK}" in problems
    assert f"consents[0].valid_until: {WORK}" in problems


def test_a_group_sequence_stays_within_the_school_years():
    form = SchoolPeriodForm({"kind": "school", "start_text": "augustus 1900", "groups": "1 2"})
    assert form.errors["first_school_year"] == ["De schooljaren moeten tussen 1990 en 2100 liggen."]
    form = SchoolPeriodForm(
        {"kind": "school", "start_text": "2020", "groups": "1 2 3", "first_school_year": "2099"}
    )
    assert "first_school_year" in form.errors
    form = SchoolPeriodForm(
        {"kind": "school", "start_text": "2020", "groups": "1 2 3", "first_school_year": "2020"}
    )
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_a_date_of_birth_today_is_fine_everywhere(api, story):
    today = timezone.localdate().isoformat()
    response = api.post(
        "/api/v1/children/",
        {"case": story["case"].pk, "name": "Nieuw", "date_of_birth": today},
        format="json",
    )
    assert response.status_code == 201, response.content
    document = export_case(story["case"])
    assert (
        import_case(json.dumps(document))
        .case.children.filter(date_of_birth=date.fromisoformat(today))
        .exists()
    )
