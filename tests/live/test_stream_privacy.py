"""The live stream per viewer: events about what someone may not see never reach them, and a
withdrawn consent ends an open stream. Each test reads events in the order they were sent,
so "not received" is checked against a later event that was received, not against a clock."""

import json
from datetime import date

import pytest
from django.db import transaction
from django.utils import timezone

from rondom.meetings.models import Agreement, Factor
from rondom.timeline.card_changes import apply_date, create_card
from rondom.timeline.kinds import CardKind, RestrictionReason
from rondom.timeline.models import Card

from ..conftest import coach_with_consent
from .test_stream import open_stream, session_cookie


def next_event(stream) -> dict | None:
    """The next event's data, skipping keep-alives; the `closed` event as {"closed": True};
    None when the stream ended without a word (which the tests below count as a failure)."""
    name = b"changed"
    while True:
        line = stream.readline()
        if not line:
            return None
        if line.startswith(b"event: "):
            name = line.removeprefix(b"event: ").strip()
        elif line.startswith(b"data: "):
            data = json.loads(line.removeprefix(b"data: "))
            return {"closed": True} if name == b"closed" else data


def opened(base: str, case_id: int, user):
    stream = open_stream(base, case_id, session_cookie(user))
    assert stream.readline().startswith(b"retry:")
    stream.readline()
    return stream


def new_card(story, text: str, restricted_to=()) -> Card:
    reason = RestrictionReason.CHILD_SAFETY if restricted_to else ""
    card = Card(case=story["case"], child=story["child"], kind=CardKind.LIFE_EVENT,
                author=story["school"], text=text, date_text="2021",
                restriction_reason=reason)  # fmt: skip
    apply_date(card, story["case"], story["child"])
    return create_card(card, None, list(restricted_to))


@pytest.mark.django_db(transaction=True)
def test_a_parent_hears_nothing_of_a_card_kept_from_them(asgi_server, story, parent_user):
    stream = opened(asgi_server, story["case"].pk, parent_user)
    with transaction.atomic():  # both events go out together, the kept card's first
        kept = new_card(story, "Zorgen", restricted_to=[story["school"]])
        shared = new_card(story, "Nieuwe school")
    first = next_event(stream)
    assert first["kind"] == "card" and first["id"] == shared.pk, first
    assert kept.pk != shared.pk
    stream.close()


def read_until(stream, kind: str) -> tuple[list[dict], bytes]:
    """The events up to and including the first one of `kind`, and every byte read for them."""
    events, raw = [], b""
    while True:
        line = stream.readline()
        assert line, f"the stream ended before a {kind} event"
        raw += line
        if line.startswith(b"data: "):
            events.append(json.loads(line.removeprefix(b"data: ")))
            if events[-1].get("kind") == kind:
                return events, raw


@pytest.mark.django_db(transaction=True)
def test_agreement_events_need_a_consent_for_agreements(asgi_server, story, manager):
    teacher = coach_with_consent(story, agreements=False)
    without = opened(asgi_server, story["case"].pk, teacher)
    allowed = opened(asgi_server, story["case"].pk, manager)
    meeting = story["meeting"]
    agreement = Agreement.objects.create(case=story["case"], meeting=meeting,
                                         what="QXLIVEAGREE verwijzing", owner=story["school"],
                                         due_on=date(2099, 1, 1))  # fmt: skip
    agreement.status = Agreement.Status.DONE
    agreement.save()
    Factor.objects.create(meeting=meeting, kind="helping", text="Korte lijnen")
    # The factor's event comes after both of the agreement's; only it reaches the teacher.
    events, raw = read_until(without, "factor")
    assert [event["kind"] for event in events] == ["factor"]
    assert b"agreement" not in raw and b"QXLIVEAGREE" not in raw
    events, raw = read_until(allowed, "factor")
    assert [event["kind"] for event in events] == ["agreement", "agreement", "factor"]
    # Those who may see it get the meeting to fetch it from, never the text itself.
    assert b"QXLIVEAGREE" not in raw and b"Korte lijnen" not in raw
    without.close()
    allowed.close()


@pytest.mark.django_db(transaction=True)
def test_meeting_events_need_a_consent_for_meetings(asgi_server, story, manager):
    coach = coach_with_consent(story, meetings=False, agreements=False)
    without = opened(asgi_server, story["case"].pk, coach)
    allowed = opened(asgi_server, story["case"].pk, manager)
    meeting = story["meeting"]
    meeting.filed_in = "QXLIVEFILED"
    meeting.save()
    note = meeting.notes.get(step=2)
    note.text = "QXLIVENOTE"
    note.save()
    Factor.objects.create(meeting=meeting, kind="hindering", text="QXLIVEFACTOR")
    new_card(story, "Voor iedereen")
    events, raw = read_until(without, "card")
    assert [event["kind"] for event in events] == ["card"]
    assert b"QXLIVE" not in raw
    events, raw = read_until(allowed, "card")
    assert [event["kind"] for event in events] == ["meeting", "note", "factor", "card"]
    assert b"QXLIVE" not in raw and b"Voor iedereen" not in raw
    without.close()
    allowed.close()


@pytest.mark.django_db(transaction=True)
def test_withdrawing_consent_ends_an_open_stream(asgi_server, story):
    coach = coach_with_consent(story)
    stream = opened(asgi_server, story["case"].pk, coach)
    consent = story["case"].consents.get(participant__user=coach)
    with transaction.atomic():
        consent.withdrawn_at = timezone.now()
        consent.save()
        new_card(story, "Na de intrekking")
    # The stream says it is closed before anything else: the card's event never comes. (A
    # stream that merely timed out would end without this word.)
    assert next_event(stream) == {"closed": True}
    assert next_event(stream) is None
    stream.close()


@pytest.mark.django_db(transaction=True)
def test_a_stream_ends_when_the_person_leaves_the_case(asgi_server, story):
    """Removing someone from the case is as final as withdrawing their consent."""
    coach = coach_with_consent(story)
    stream = opened(asgi_server, story["case"].pk, coach)
    person = story["case"].participants.get(user=coach)
    with transaction.atomic():
        person.user = None
        person.save()
        new_card(story, "Na het vertrek")
    assert next_event(stream) == {"closed": True}
    stream.close()


@pytest.mark.django_db
def test_following_a_case_is_logged_with_its_grounds(story):
    from django.test import Client
    from django.urls import reverse

    from rondom.audit.models import AuditEvent

    coach = coach_with_consent(story)
    client = Client()
    client.force_login(coach)
    client.get(reverse("live:events", args=[story["case"].pk]))
    line = AuditEvent.objects.get(action="view live:events")
    assert line.case_id == story["case"].pk and line.reason.startswith("consent ")


@pytest.mark.django_db(transaction=True)
def test_logging_out_elsewhere_ends_an_open_stream(asgi_server, story):
    from django.contrib.sessions.models import Session

    coach = coach_with_consent(story)
    stream = opened(asgi_server, story["case"].pk, coach)
    with transaction.atomic():
        Session.objects.all().delete()  # as a logout does, from another device
        new_card(story, "Na het uitloggen")
    assert next_event(stream) == {"closed": True}
    stream.close()
