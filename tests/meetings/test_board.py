"""The meeting on the classroom board: one step at a time, with what belongs to that step,
as everyone at the table may see it."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from rondom.meetings.models import Agreement, Factor, KeyMoment, Meeting
from rondom.timeline.kinds import CardKind

from ..conftest import coach_with_consent

PANEL = {"HX-Request": "true", "HX-Target": "board-step"}


def board(client: Client, meeting: Meeting, step: int, **headers) -> str:
    url = reverse("meetings:present", args=[meeting.case_id, meeting.pk])
    response = client.get(url, {"step": step}, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def later_meeting(story):
    """The next meeting of the story's case: the story's meeting is the earlier one."""
    meeting = story["meeting"]
    meeting.next_meeting_on = date(2024, 6, 1)
    meeting.save()
    later = Meeting.objects.create(
        case=story["case"], held_on=date(2024, 6, 1), goal="inform",
        next_meeting_on=date(2024, 9, 12), filed_in="leerlingdossier",
    )  # fmt: skip
    Agreement.objects.create(case=story["case"], meeting=later, what="Logopedie aanvragen",
                             owner=story["parent"], due_on=date(2024, 7, 1))  # fmt: skip
    return later


@pytest.mark.django_db
def test_step_5_shows_the_agreements_card(story, manager_client, later_meeting):
    html = board(manager_client, later_meeting, 5)
    card = html[html.index('id="board-agreements"') :].split("</section>")[0]
    # The open ones of earlier meetings first, then this meeting's: what, who, by when, status.
    assert card.index("Gesprek met de RT&#x27;er") < card.index("Logopedie aanvragen")
    logopedie = card[card.index("Logopedie") :].split("</li>")[0]
    assert "Samira" in logopedie and "1-7-2024" in logopedie
    assert '<span class="rondom-tag">open</span>' in logopedie
    assert "Volgend overleg:</strong> 12 september 2024" in html
    assert "leerlingdossier" in html
    # Shown, not changed: the status buttons stay on the meeting page.
    assert "<form" not in card and "<button" not in card


@pytest.mark.django_db
def test_step_5_leaves_agreements_to_those_whose_consent_covers_them(story, later_meeting):
    client = Client()
    client.force_login(coach_with_consent(story, agreements=False))
    html = board(client, later_meeting, 5)
    assert "Volgend overleg:</strong> 12 september 2024" in html
    assert "Logopedie" not in html and "RT&#x27;er" not in html
    assert "board-agreements" not in html


@pytest.mark.django_db
def test_a_done_agreement_of_an_earlier_meeting_is_not_reviewed_again(
    story, manager_client, later_meeting
):
    Agreement.objects.filter(pk=story["agreement"].pk).update(status="done")
    html = board(manager_client, later_meeting, 5)
    assert "RT&#x27;er" not in html and "Logopedie aanvragen" in html


@pytest.mark.django_db
def test_step_2_shows_key_moments_only_on_cards_shared_with_everyone(story, manager_client):
    b = story["builder"]
    kept = b.card(CardKind.LIFE_EVENT, b.manager, "2022", "Zorgen thuis", story["child"],
                  restriction_reason="child_safety")  # fmt: skip
    kept.restricted_to.add(b.manager)
    meeting = story["meeting"]
    KeyMoment.objects.create(meeting=meeting, card=story["help_card"], note="keerpunt")
    KeyMoment.objects.create(meeting=meeting, card=kept, note="alleen voor school")
    html = board(manager_client, meeting, 2, **PANEL)
    assert "Speltherapie" in html and "keerpunt" in html
    # The case manager may read the kept card, but the board is for everyone at the table.
    assert "Zorgen thuis" not in html and "alleen voor school" not in html


@pytest.mark.django_db
def test_steps_3_and_4_show_what_helps_and_what_hinders(story, manager_client):
    meeting = story["meeting"]
    Factor.objects.create(meeting=meeting, kind="helping", text="Oma dichtbij")
    Factor.objects.create(meeting=meeting, kind="hindering", text="Wachtlijst")
    for step in (3, 4):
        html = board(manager_client, meeting, step, **PANEL)
        helps, hinders = html.index("Wat helpt"), html.index("Wat hindert")
        assert helps < html.index("Oma dichtbij") < hinders < html.index("Wachtlijst")
    assert "Oma dichtbij" not in board(manager_client, meeting, 1, **PANEL)


@pytest.mark.django_db
def test_the_panel_alone_answers_a_request_aimed_at_it(story, manager_client):
    """Changing steps and following changes fetch the step without the timeline."""
    meeting = story["meeting"]
    meeting.notes.filter(step=3).update(text="De training hielp")
    url = reverse("meetings:present", args=[meeting.case_id, meeting.pk])
    panel = manager_client.get(url, {"step": 3}, headers=PANEL)
    html = panel.content.decode()
    assert html.strip().startswith('<section id="board-step"') and 'data-step="3"' in html
    assert "De training hielp" in html and 'id="timeline"' not in html
    assert "HX-Target" in panel["Vary"]
    whole = board(manager_client, meeting, 3)
    assert 'id="timeline"' in whole and "De training hielp" in whole


@pytest.mark.django_db
def test_without_javascript_the_step_buttons_are_links_before_the_site_menu(story, manager_client):
    html = board(manager_client, story["meeting"], 1)
    bar = html.index("data-board-nav")
    assert bar < html.index('class="rondom-header"')
    assert 'href="?step=2" data-board-go="next">' in html
    assert 'data-board-go="previous" hidden>' in html  # nothing before step 1
    html = board(manager_client, story["meeting"], 5)
    assert 'href="?step=4" data-board-go="previous">' in html
    assert 'data-board-go="next" hidden>' in html
    # Full screen needs the script: hidden until it finds the browser's Fullscreen API.
    assert "data-board-fullscreen" in html and 'aria-pressed="false" hidden>' in html
    for step in ("0", "6", "x"):
        assert 'data-step="1"' in board(manager_client, story["meeting"], step)
