import json
from datetime import date

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator

from rondom.career.models import Group, PeriodKind
from rondom.cases.models import Case, Role
from rondom.exchange.document import schema
from rondom.exchange.export import export_case
from rondom.exchange.importer import import_case
from rondom.exchange.validation import FORMATS
from rondom.timeline.kinds import CardKind

from .normalise import without_ids


@pytest.mark.django_db
def test_export_import_export_gives_the_same_document_apart_from_ids(full_story):
    first = export_case(full_story["case"])
    result = import_case(json.dumps(first), link_accounts=True)
    assert result.case.pk != full_story["case"].pk
    second = export_case(Case.objects.get(pk=result.case.pk))
    assert without_ids(second) == without_ids(first)


@pytest.mark.django_db
def test_the_export_covers_every_part_of_the_case(full_story):
    document = export_case(full_story["case"])
    assert [c["name"] for c in document["children"]] == ["Sam"]
    assert {p["role"] for p in document["participants"]} >= {"school", "parents"}
    assert document["school_periods"][0]["group_years"][0]["group"] == "1"
    cards = {card["text"]: card for card in document["cards"]}
    assert cards["Speltherapie bij De Boom"]["revisions"][-1]["changes"]["text"] == [
        "Speltherapie",
        "Speltherapie bij De Boom",
    ]
    assert cards["Nog niet gedeeld"]["is_draft"] is True
    assert cards["Alleen voor de school"]["restricted_to"]
    assert len(document["card_links"]) == 1 and len(document["card_hidings"]) == 1
    meeting = document["meetings"][0]
    assert meeting["frozen"]["notes"]["1"] == "Alles klopt."
    assert meeting["key_moments"][0]["note"] == "keerpunt"
    assert meeting["agreements"][0]["what"] == "Gesprek met de RT'er"
    assert document["consents"][-1]["organisation"] == {
        "name": "Jeugdteam Oost",
        "kind": "youth_care",
    }


@pytest.mark.django_db
def test_the_export_is_valid_against_the_json_schema_in_the_repository(full_story):
    validator = Draft202012Validator(schema(), format_checker=FORMATS)
    errors = list(validator.iter_errors(export_case(full_story["case"])))
    assert errors == []


def test_the_schema_knows_every_choice_of_the_models():
    """Adding a role, kind or group without updating the schema fails here."""
    properties = schema()["properties"]
    card = properties["cards"]["items"]["properties"]
    assert card["kind"]["enum"] == list(CardKind.values)
    assert properties["participants"]["items"]["properties"]["role"]["enum"] == list(Role.values)
    period = properties["school_periods"]["items"]["properties"]
    assert period["kind"]["enum"] == list(PeriodKind.values)
    assert period["group_years"]["items"]["properties"]["group"]["enum"] == list(Group.values)


@pytest.mark.django_db
def test_every_demo_case_moves_whole_to_another_installation():
    call_command("demo")
    for case in list(Case.objects.all()):
        first = export_case(case)
        result = import_case(json.dumps(first), link_accounts=True)
        second = export_case(Case.objects.get(pk=result.case.pk))
        assert without_ids(second) == without_ids(first), case.title


@pytest.mark.django_db
def test_a_participants_copy_of_an_anonymous_case_gives_the_age_not_the_birth_date(manager):
    from rondom.cases.access import access_for
    from rondom.demo.builder import CaseBuilder

    from ..conftest import make_user

    builder = CaseBuilder("Casus Zon", manager, "Inge")
    child = builder.child("Zon", date(2016, 5, 17))
    coach = make_user("coach@jeugd.test")
    builder.person("Coach", Role.YOUTH_CARE, coach)
    [seen] = export_case(builder.case, access_for(coach, builder.case))["children"]
    assert seen["date_of_birth"] is None and seen["age"] == child.age
    [own] = export_case(builder.case, access_for(manager, builder.case))["children"]
    assert own["date_of_birth"] == "2016-05-17"


@pytest.mark.django_db
def test_a_copy_without_agreements_leaves_them_out_of_a_closed_meetings_frozen_copy(story):
    from rondom.cases.access import access_for
    from rondom.meetings.closing import close_meeting

    from ..conftest import coach_with_consent

    coach = coach_with_consent(story, agreements=False)
    close_meeting(story["meeting"])
    copy = json.dumps(export_case(story["case"], access_for(coach, story["case"])))
    assert "Gesprek met de RT" not in copy
    assert "Gesprek met de RT" in json.dumps(export_case(story["case"]))
