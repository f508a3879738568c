"""A whole meeting: goal and attendees, the five steps, factors, key moments, agreements, close."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rondom.meetings.models import Agreement, Meeting
from rondom.timeline.kinds import CardKind

from ..conftest import make_user


@pytest.fixture
def meeting(story, manager_client):
    case = story["case"]
    manager_client.post(
        reverse("meetings:create", args=[case.pk]),
        {
            "held_on": "2025-01-15",
            "goal": "decide_help",
            "present": [story["school"].pk, story["parent"].pk],
            "guests": "Fatima, tolk",
        },
    )
    return Meeting.objects.exclude(pk=story["meeting"].pk).get()


def url(name, meeting, *extra):
    return reverse(f"meetings:{name}", args=[meeting.case_id, meeting.pk, *extra])


@pytest.mark.django_db
def test_meeting_records_goal_attendees_and_guests(meeting, story):
    assert meeting.goal == "decide_help"
    present = {
        a.participant_id
        for a in meeting.attendances.filter(present=True, participant__isnull=False)
    }
    assert present == {story["school"].pk, story["parent"].pk}
    guest = meeting.attendances.get(participant__isnull=True)
    assert (guest.guest_name, guest.guest_role) == ("Fatima", "tolk")
    assert meeting.notes.count() == 5


@pytest.mark.django_db
def test_own_goal_needs_words(story, manager_client):
    response = manager_client.post(
        reverse("meetings:create", args=[story["case"].pk]),
        {"held_on": "2025-01-15", "goal": "own"},
    )
    assert response.status_code == 200 and "Schrijf je eigen doel op." in response.content.decode()


@pytest.mark.django_db
def test_steps_have_guiding_questions_and_notes(meeting, manager_client):
    page = manager_client.get(url("detail", meeting)).content.decode()
    assert "Ontbreekt er iets op de tijdlijn?" in page
    assert "Wie doet wat, en wanneer is het klaar?" in page
    note = meeting.notes.get(step=3)
    manager_client.post(
        url("note", meeting, 3), {"step3-text": "De training hielp", "step3-version": note.version}
    )
    note.refresh_from_db()
    assert note.text == "De training hielp"


@pytest.mark.django_db
def test_concurrent_note_edits_are_detected(meeting, manager_client, parent_user):
    note = meeting.notes.get(step=2)
    other = Client()
    other.force_login(parent_user)
    other.post(
        url("note", meeting, 2),
        {"step2-text": "Ouder: veel veranderd", "step2-version": note.version},
    )
    stale = manager_client.post(
        url("note", meeting, 2), {"step2-text": "School: weinig", "step2-version": note.version}
    )
    assert stale.status_code == 409
    html = stale.content.decode()
    assert "Ouder: veel veranderd" in html and "School: weinig" in html
    note.refresh_from_db()
    assert note.text == "Ouder: veel veranderd"


@pytest.mark.django_db
def test_factors_key_moments_agreements_and_follow_up(meeting, story, manager_client):
    manager_client.post(url("factor", meeting), {"kind": "helping", "text": "Tolk aanwezig"})
    manager_client.post(
        url("key_moment", meeting), {"card": story["help_card"].pk, "note": "keerpunt"}
    )
    manager_client.post(
        url("agreement", meeting),
        {
            "what": "Aanmelden bij het jeugdteam",
            "owner": story["parent"].pk,
            "due_on": "2025-02-01",
        },
    )
    manager_client.post(
        url("follow_up", meeting),
        {"next_meeting_on": "2025-03-01", "filed_in": "ParnasSys", "version": meeting.version},
    )
    meeting.refresh_from_db()
    assert meeting.factors.get().text == "Tolk aanwezig"
    assert meeting.key_moments.get().card == story["help_card"]
    assert meeting.agreements.get().owner == story["parent"]
    assert (meeting.next_meeting_on, meeting.filed_in) == (date(2025, 3, 1), "ParnasSys")


@pytest.mark.django_db
def test_open_agreements_of_earlier_meetings_come_first(meeting, story, manager_client):
    html = manager_client.get(url("detail", meeting)).content.decode()
    review = html.index("Eerst: open afspraken van eerdere overleggen")
    assert html.index("Gesprek met de RT&#x27;er") > review
    agreement = story["agreement"]
    manager_client.post(
        reverse("meetings:agreement_status", args=[meeting.case_id, meeting.pk, agreement.pk]),
        {"status": "done"},
    )
    agreement.refresh_from_db()
    assert agreement.status == "done" and agreement.status_set_by is not None
    assert (
        "Eerst: open afspraken" not in manager_client.get(url("detail", meeting)).content.decode()
    )


@pytest.mark.django_db
def test_closing_freezes_the_timeline_and_shows_changes_since(meeting, story, manager_client):
    manager_client.post(url("close", meeting), {"confirm": "yes"})
    meeting.refresh_from_db()
    assert meeting.is_closed
    assert any(c["text"] == "Speltherapie" for c in meeting.frozen["cards"])
    story["builder"].card(
        "life_event", story["parent"], "2025", "Nieuwe baan vader", story["child"]
    )
    html = manager_client.get(url("detail", meeting)).content.decode()
    assert "1 kaartje toegevoegd, 0 gewijzigd, 0 verwijderd." in html
    assert "<li>+ Nieuwe baan vader</li>" in html
    story["builder"].card("life_event", story["parent"], "2025", "Verhuisd", story["child"])
    html = manager_client.get(url("detail", meeting)).content.decode()
    assert "2 kaartjes toegevoegd, 0 gewijzigd, 0 verwijderd." in html
    # a closed meeting is a record: no more notes
    assert manager_client.post(url("note", meeting, 1), {"step1-text": "x"}).status_code == 404


@pytest.mark.django_db
def test_presentation_mode_shows_one_step_with_the_timeline(meeting, manager_client):
    html = manager_client.get(url("present", meeting), {"step": "4"}).content.decode()
    assert "Stap 4 van 5" in html and "De samenwerking" in html
    assert 'id="timeline"' in html


@pytest.mark.django_db
def test_consent_without_meetings_gives_no_meetings(story):
    user = make_user("coach@x.test")
    coach = story["builder"].person("Coach", "youth_care", user)
    story["case"].consents.create(
        given_by=story["parent"], participant=coach, purpose="alleen de tijdlijn",
        valid_from=date(2020, 1, 1), valid_until=date(2099, 1, 1), meetings=False, agreements=False,
    )  # fmt: skip
    client = Client()
    client.force_login(user)
    assert (
        client.get(
            reverse("timeline:child", args=[story["case"].pk, story["child"].pk])
        ).status_code
        == 200
    )
    assert client.get(reverse("meetings:list", args=[story["case"].pk])).status_code == 404


def test_overdue_is_today_relative():
    a = Agreement(status="open", due_on=timezone.localdate() - timedelta(days=1))
    assert a.is_overdue
    a.status = "done"
    assert not a.is_overdue


@pytest.mark.django_db
def test_the_board_shows_what_everyone_at_the_table_may_see(manager_client, story):
    """Whoever presents, a card kept from the parents or a draft never goes up on the board."""
    b = story["builder"]
    kept = b.card(CardKind.LIFE_EVENT, b.manager, "2022", "Zorgen thuis", story["child"],
                  restriction_reason="child_safety")  # fmt: skip
    kept.restricted_to.add(b.manager)
    b.card(CardKind.LIFE_EVENT, b.manager, "2022", "Mijn concept", story["child"], is_draft=True)
    url = reverse("meetings:present", args=[story["case"].pk, story["meeting"].pk])
    board = manager_client.get(url).content.decode()
    assert "Speltherapie" in board
    assert "Zorgen thuis" not in board and "Mijn concept" not in board


@pytest.mark.django_db
def test_a_key_moment_whose_card_became_a_draft_shows_no_draft_text(story, parent_user):
    """A shared card marked as a key moment, later made a private draft again and rewritten:
    nobody reads the draft's words on the meeting page, its author included."""
    from rondom.meetings.models import KeyMoment
    from rondom.timeline.card_changes import save_card_changes
    from rondom.timeline.card_fields import snapshot

    card = story["help_card"]  # the parent's own card
    KeyMoment.objects.create(meeting=story["meeting"], card=card, note="keerpunt")
    before = snapshot(card)
    card.is_draft, card.text = True, "Mijn eerste gedachten over de therapie"
    save_card_changes(card, before, card.version, parent_user)
    url = reverse("meetings:detail", args=[story["case"].pk, story["meeting"].pk])
    for user in (parent_user, story["builder"].user):
        client = Client()
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "Mijn eerste gedachten" not in page and "keerpunt" not in page
