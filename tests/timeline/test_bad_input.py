"""Whatever people type into a card, the answer is a page or a message, never a server error."""

import json
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from rondom.career.forms import SchoolPeriodForm
from rondom.cases.forms import ChildForm, ParticipantForm
from rondom.cases.models import Child
from rondom.core.limits import MAX_CARDS_PER_CHILD
from rondom.core.text import PlainTextMixin
from rondom.exchange.export import export_case
from rondom.exchange.importer import import_case
from rondom.exchange.validation import CaseFileRefused
from rondom.meetings.forms import FactorForm, MeetingForm, NoteForm
from rondom.timeline.models import Card

typed = st.text(max_size=80) | st.sampled_from(["31-02-2020", "groep 12", "2019/2021", "0-0-0"])


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(date_text=typed, text=st.text(max_size=300), rating=st.sampled_from(["good", "x", ""]))
def test_card_form_never_fails_on_bad_input(story, manager, date_text, text, rating):
    client = Client(raise_request_exception=False)
    client.force_login(manager)
    before = Card.objects.count()
    response = client.post(
        reverse("timeline:card_create", args=[story["case"].pk]) + "?kind=help",
        {
            "kind": "help",
            "domain": "learning",
            "author": story["school"].pk,
            "date_text": date_text,
            "text": text,
            "rating": rating,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code in (200, 422)
    assert Card.objects.count() - before == (1 if response.status_code == 200 else 0)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    payload=st.dictionaries(
        st.sampled_from(["case", "child", "kind", "author", "date_text", "text", "rating"]),
        st.one_of(st.none(), st.integers(), st.text(max_size=30), st.booleans()),
    )
)
def test_card_api_never_fails_on_bad_input(story, manager, payload):
    from rest_framework.test import APIClient

    client = APIClient(raise_request_exception=False)
    client.force_authenticate(manager)
    response = client.post("/api/v1/cards/", payload, format="json")
    assert response.status_code in (201, 400)


CONTROL = "Deze tekst bevat een onzichtbaar stuurteken. Haal het weg en probeer het opnieuw."


def post_card(client, story, **fields):
    data = {
        "kind": "help",
        "domain": "learning",
        "author": story["school"].pk,
        "date_text": "2021",
        "text": "x",
    }
    return client.post(
        reverse("timeline:card_create", args=[story["case"].pk]) + "?kind=help",
        {**data, **fields},
        HTTP_HX_REQUEST="true",
    )


def api_client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    "control", ["\x07", "\x1b", "\x0b", "\x7f"], ids=["BEL", "ESC", "VT", "DEL"]
)
def test_control_characters_are_refused_alike_by_form_api_and_import(
    story, manager, manager_client, control
):
    text = f"Belt{control}aan"
    before = Card.objects.count()
    page = post_card(manager_client, story, text=text)
    assert page.status_code == 422
    assert CONTROL in page.content.decode()
    response = api_client(manager).post(
        "/api/v1/cards/",
        {
            "case": story["case"].pk,
            "kind": "help",
            "domain": "learning",
            "author": story["school"].pk,
            "text": text,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"text": [CONTROL]}
    assert Card.objects.count() == before
    document = export_case(story["case"])
    document["cards"][0]["text"] = text
    with pytest.raises(CaseFileRefused) as caught:
        import_case(json.dumps(document))
    assert [str(p) for p in caught.value.problems] == [f"cards[0].text: {CONTROL}"]


@pytest.mark.django_db
def test_line_breaks_and_tabs_stay_and_the_case_moves_whole(story, manager, manager_client):
    assert post_card(manager_client, story, text="regel 1\r\nregel 2\tmet tab").status_code == 200
    response = api_client(manager).post(
        "/api/v1/cards/",
        {"case": story["case"].pk, "kind": "help", "domain": "learning",
         "author": story["school"].pk, "text": "via de API\nmet\ttab"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assert Card.objects.filter(text="regel 1\r\nregel 2\tmet tab").exists()
    imported = import_case(json.dumps(export_case(story["case"]))).case
    assert imported.cards.filter(text="via de API\nmet\ttab").exists()


CASE_DATA_FORMS = [
    "rondom.cases.forms.CaseForm",
    "rondom.cases.forms.ChildForm",
    "rondom.cases.forms.ParticipantForm",
    "rondom.career.forms.SchoolPeriodForm",
    "rondom.cases.forms.ConsentForm",
    "rondom.cases.views.retention.CloseForm",
    "rondom.meetings.forms.MeetingForm",
    "rondom.meetings.forms.NoteForm",
    "rondom.meetings.forms.FactorForm",
    "rondom.meetings.forms.KeyMomentForm",
    "rondom.meetings.forms.AgreementForm",
    "rondom.meetings.forms.FollowUpForm",
    "rondom.timeline.forms.CardForm",
]


@pytest.mark.parametrize("form_class", CASE_DATA_FORMS)
def test_every_form_that_saves_case_data_follows_the_text_rule(form_class):
    assert issubclass(import_string(form_class), PlainTextMixin)


@pytest.mark.django_db
def test_other_texts_of_the_case_are_refused_with_the_same_message(story):
    bell = "met\x07bel"
    assert ChildForm({"name": bell, "date_of_birth": "2015-01-01"}).errors["name"] == [CONTROL]
    assert ParticipantForm({"name": bell, "role": "school"}).errors["name"] == [CONTROL]
    period = SchoolPeriodForm({"kind": "school", "start_text": "2020", "note": bell})
    assert period.errors["note"] == [CONTROL]
    assert NoteForm({"text": bell}).errors["text"] == [CONTROL]
    assert FactorForm({"kind": "helping", "text": bell}).errors["text"] == [CONTROL]
    meeting = MeetingForm(
        {"held_on": "2024-03-01", "goal": "own", "goal_text": "ok", "guests": bell},
        case=story["case"],
    )
    assert meeting.errors["guests"] == [CONTROL]


FULL = "Deze tijdlijn heeft al 1000 kaartjes, meer kan hij niet tonen."


def fill_timeline(story, to: int = MAX_CARDS_PER_CHILD) -> list[Card]:
    """Cards about the child until its timeline, family cards included, holds `to`."""
    child = story["child"]
    present = Card.objects.alive().for_child(child).count()
    return Card.objects.bulk_create(
        Card(case=story["case"], child=child, kind="help", author=story["school"], text=f"{n}")
        for n in range(to - present)
    )


@pytest.mark.django_db
def test_a_full_timeline_takes_no_more_cards_through_the_form_or_the_api(
    story, manager, manager_client
):
    extra = fill_timeline(story)
    before = Card.objects.count()
    page = post_card(manager_client, story, child=story["child"].pk)
    assert page.status_code == 422 and FULL in page.content.decode()
    family = post_card(manager_client, story)  # about the whole family: on Sam's timeline too
    assert family.status_code == 422 and FULL in family.content.decode()
    response = api_client(manager).post(
        "/api/v1/cards/",
        {
            "case": story["case"].pk,
            "kind": "help",
            "domain": "learning",
            "author": story["school"].pk,
            "text": "x",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"][0].startswith(FULL)
    assert Card.objects.count() == before
    edit = manager_client.post(
        reverse("timeline:card_edit", args=[story["case"].pk, extra[0].pk]),
        {"kind": "help", "domain": "learning", "child": story["child"].pk,
         "author": story["school"].pk, "text": "nog steeds te wijzigen", "version": 1},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert edit.status_code == 200

    Card.objects.filter(pk=extra[1].pk).update(deleted_at=timezone.now())
    assert post_card(manager_client, story, child=story["child"].pk).status_code == 200
    restore = manager_client.post(
        reverse("timeline:card_restore", args=[story["case"].pk, extra[1].pk]),
        HTTP_HX_REQUEST="true",
    )
    assert restore.status_code == 422 and FULL in restore.content.decode()
    assert Card.objects.get(pk=extra[1].pk).deleted_at is not None


@pytest.mark.django_db
def test_another_child_in_the_same_case_still_has_room(story, manager_client):
    fill_timeline(story)
    other = Child.objects.create(case=story["case"], name="Noor", date_of_birth=date(2017, 1, 1))
    assert post_card(manager_client, story, child=other.pk).status_code == 200
