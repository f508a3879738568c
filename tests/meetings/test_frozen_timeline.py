"""A closed meeting shows its frozen copy as the grid, placed again from the copy alone."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from rondom.cases.models import Role
from rondom.meetings.closing import close_meeting
from rondom.meetings.frozen_timeline import frozen_cards, frozen_timeline_context
from rondom.meetings.wording import shorten
from rondom.timeline.card_changes import delete_card
from rondom.timeline.kinds import CardKind


def detail(meeting) -> str:
    return reverse("meetings:detail", args=[meeting.case_id, meeting.pk])


def rows_of(html: str) -> dict[str, str]:
    """Each row of the frozen grid by its key, with the markup of its lane."""
    grid = html[html.index('id="frozen-timeline"') :]
    parts = re.split(r'<div class="tl-row tl-row--(\w+)', grid)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.django_db
def test_a_closed_meeting_shows_the_copy_as_the_grid(story, manager_client):
    meeting = story["meeting"]
    close_meeting(meeting)
    html = manager_client.get(detail(meeting)).content.decode()
    assert 'id="timeline"' not in html  # not the live grid
    rows = rows_of(html)
    help_card = story["help_card"]
    assert f'class="tl-card tl-card--help" id="card-{help_card.pk}"' in rows["help"]
    assert "Speltherapie" in rows["help"] and "waardering: goed" in rows["help"]
    assert "Verhuisd" in rows["life_event"]
    # "groep 3" is placed through the school career, not left in the tray.
    assert "Leest goed" in rows["development"]
    tray = html[html.index('id="frozen-tray-heading"') :]
    assert "Nog niet geplaatst (1)" in tray and "Zonder datum" in tray


@pytest.mark.django_db
def test_the_frozen_grid_does_not_follow_the_live_cards(story, manager_client):
    meeting = story["meeting"]
    close_meeting(meeting)
    card = story["help_card"]
    card.text = "Speltherapie, later anders verwoord"
    card.save()
    delete_card(story["builder"].case.cards.get(text="Verhuisd"), story["builder"].user)
    rows = rows_of(manager_client.get(detail(meeting)).content.decode())
    assert "Speltherapie</p>" in rows["help"] and "later anders" not in rows["help"]
    assert "Verhuisd" in rows["life_event"]


@pytest.mark.django_db
def test_an_older_copy_without_every_field_is_drawn_too(story, manager_client):
    meeting = story["meeting"]
    meeting.frozen = {
        "cards": [
            # As copies were written before they held every field.
            {"id": 7, "version": 1, "kind": "help", "child": "Sam", "author": "O",
             "colour": "#b3261e", "date_text": "2021", "text": "Oude hulp", "rating": "good",
             "text_less_well": ""},
            {"id": None, "version": 1, "kind": "no_such_kind", "author": "S",
             "colour": "#0b57d0", "date_text": "2020", "text": "Vreemde soort"},
        ],
        "notes": {},
        "agreements": [],
    }  # fmt: skip
    meeting.closed_at = timezone.now()
    meeting.save()
    html = manager_client.get(detail(meeting)).content.decode()
    assert "Oude hulp" in rows_of(html)["help"]
    tray = html[html.index('id="frozen-tray-heading"') :]
    assert "Vreemde soort" in tray and 'id="card-frozen-2"' in tray


@pytest.mark.django_db
def test_cards_are_placed_again_with_the_career_and_by_child(story):
    b, child = story["builder"], story["child"]
    sister = b.child("Noor", date(2017, 5, 1))
    b.card(CardKind.LIFE_EVENT, story["parent"], "2022", "Noor naar school", sister)
    b.card(CardKind.DEVELOPMENT, b.manager, "groep 4", "Gezin: groep 4", None)
    meeting = story["meeting"]
    close_meeting(meeting)
    children = [child, sister]
    participants = list(b.case.participants.all())
    context = frozen_timeline_context(meeting, child, children, participants)
    shown = {card.text: card for card in context["layout"].unplaced} | {
        placed.item.text: placed.item for row in context["layout"].rows for placed in row.items
        if hasattr(placed.item, "text")
    }  # fmt: skip
    assert "Noor naar school" not in shown  # the sister's card is on her own timeline
    # "groep 3" through Sam's career: the school year 2021/2022.
    assert shown["Leest goed"].starts_on == date(2021, 8, 1)
    # A family card dated by group stays unplaced with two children, as on the live grid.
    assert shown["Gezin: groep 4"].starts_on is None
    assert shown["Speltherapie"].author.name == "Samira"
    assert shown["Speltherapie"].child_id == child.pk and shown["Zonder datum"].child_id is None


@pytest.mark.django_db
def test_a_letter_two_people_share_is_named_by_the_letter(story):
    b = story["builder"]
    second = b.person("Tweede ouder", Role.PARENTS)
    second.colour = story["parent"].colour  # picked by hand: now the same letter and colour
    second.save()
    meeting = story["meeting"]
    close_meeting(meeting)
    participants = list(b.case.participants.all())
    spans = []
    cards = frozen_cards(meeting, story["child"], [story["child"]], participants, spans)
    help_card = next(card for card in cards if card.text == "Speltherapie")
    assert help_card.author.name == help_card.author.letter == story["parent"].letter


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Kort", 60, "Kort"),
        ("Twee\nregels  met   ruimte", 60, "Twee regels met ruimte"),
        ("Speltherapie bij De Linde", 16, "Speltherapie…"),
        ("Speltherapie bij De Linde", 17, "Speltherapie bij…"),
        ("Eerst, dan verder", 8, "Eerst…"),
        ("Onafgebrokenwoordzonderspaties", 10, "Onafgebro…"),
    ],
)
def test_shorten_cuts_after_a_whole_word(text, limit, expected):
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit
