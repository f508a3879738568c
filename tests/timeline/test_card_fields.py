"""A card's fields are named once, in timeline/card_fields.py; every copy of a card carries them."""

import pytest

from rondom.api.serializers import CardSerializer
from rondom.cases.access import access_for
from rondom.exchange.document import schema
from rondom.exchange.export import export_case
from rondom.meetings.closing import close_meeting
from rondom.timeline.card_fields import CONTENT_FIELDS, DATE_FIELDS, WRITTEN_FIELDS
from rondom.timeline.forms import CardForm
from rondom.timeline.kinds import CardKind
from rondom.timeline.models import Card

# What the card keeps besides what is written on it: set by the app, never by a person.
KEPT_BY_THE_APP = {"case", "date_groups", "deleted_at"}


def _schema_of_cards() -> tuple[dict, dict]:
    properties = schema()["properties"]
    frozen = properties["meetings"]["items"]["properties"]["frozen"]["oneOf"][1]
    return (
        properties["cards"]["items"]["properties"],
        frozen["properties"]["cards"]["items"]["properties"],
    )


def test_every_field_a_person_can_set_on_a_card_is_declared():
    editable = {
        field.name
        for field in Card._meta.get_fields()
        if getattr(field, "editable", False) and not field.auto_created
    }
    assert editable == set(WRITTEN_FIELDS) | set(DATE_FIELDS) | KEPT_BY_THE_APP


@pytest.mark.django_db
def test_every_declared_field_reaches_form_api_case_file_and_schema(story, manager):
    case = story["case"]
    access = access_for(manager, case)
    asked = set()
    for kind in CardKind.values:
        asked |= set(CardForm(case=case, kind=kind, access=access).fields)
    api = CardSerializer(story["help_card"]).data
    in_file = export_case(case)["cards"][0]
    in_schema, _ = _schema_of_cards()
    for name in WRITTEN_FIELDS:
        assert name in asked, name
    for name in WRITTEN_FIELDS + DATE_FIELDS:
        assert name in api, name
        assert name in in_file, name
    # The schema allows nothing else, so it must describe exactly what the export writes;
    # only a card's notes are left out when it has none (tests/timeline/test_card_notes.py).
    assert set(in_schema) - {"notes"} == set(in_file)


@pytest.mark.django_db
def test_a_meetings_frozen_copy_keeps_everything_written_on_the_cards(story):
    card = story["help_card"]
    card.provider, card.with_whom, card.domain = "Praktijk De Linde", "Sam", "social_emotional"
    card.save()
    meeting = story["meeting"]
    close_meeting(meeting)
    meeting.refresh_from_db()
    frozen = next(c for c in meeting.frozen["cards"] if c["id"] == card.pk)
    for name in CONTENT_FIELDS:
        assert name in frozen, name
    assert (frozen["provider"], frozen["with_whom"]) == ("Praktijk De Linde", "Sam")
    assert frozen["domain"] == "social_emotional"
    assert (frozen["child"], frozen["author"]) == ("Sam", story["parent"].letter)
    _, in_schema = _schema_of_cards()
    assert set(in_schema) == set(frozen)
