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


@pytest.mark.django_db(transaction=True)
def test_agreement_events_need_a_consent_for_agreements(asgi_server, story):
    teacher = coach_with_consent(story, agreements=False)
    stream = opened(asgi_server, story["case"].pk, teacher)
    meeting = story["meeting"]
    with transaction.atomic():
        Agreement.objects.create(case=story["case"], meeting=meeting, what="Verwijzing",
                                 owner=story["school"], due_on=date(2099, 1, 1))  # fmt: skip
        Factor.objects.create(meeting=meeting, kind="helping", text="Korte lijnen")
    assert next_event(stream)["kind"] == "factor"
    stream.close()


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
