"""The timeline page costs the same number of queries for no cards as for a thousand.

Each case has one child, so every card is on the page that is counted: the child's own
cards and the whole family's, by three authors, with every field filled, drafts among them
and some without a date.
"""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rondom.cases.models import Role
from rondom.core.limits import MAX_CARDS_PER_CHILD
from rondom.demo.builder import CaseBuilder
from rondom.meetings.models import Meeting
from rondom.timeline.kinds import ROWS, Domain, HomeAspect, Rating
from rondom.timeline.models import Card

KINDS = [row.card_kind for row in ROWS if row.card_kind]
RATINGS = [Rating.GOOD, Rating.NEUTRAL, Rating.NOT_GOOD, ""]
# Session, user and second-factor check 3; the access policy (case, participant, consent) 3;
# the page 6 (child, participants, children, cards, school career and its groups); its
# access-log line 1 (an INSERT; the sealer chains it later); renewing the session (idle
# timeout) 3; the notes that reached the cards from outside the case 1.
TIMELINE_QUERIES = 22  # five of them: the questions for help and the satisfaction panel


def build(manager, cards: int):
    b = CaseBuilder(f"Case with {cards}", manager, "IB")
    child = b.child("Kind", date(2014, 2, 2))
    authors = [b.manager, b.person("Ouder", Role.MOTHER), b.person("Coach", Role.YOUTH_CARE)]
    b.name_with_consent()
    b.period(child, "school", "School", "2018", "", "1 2 3 4 5 6")
    Card.objects.bulk_create(
        Card(
            case=b.case,
            child=child if i % 5 else None,
            kind=KINDS[i % len(KINDS)],
            author=authors[i % 3],
            text=f"kaart {i} <b>met</b> een tekst die langer is dan veertig tekens",
            text_less_well="minder goed",
            provider="Jeugdteam",
            with_whom="de RT'er",
            aspect=HomeAspect.HOUSING,
            rating=RATINGS[i % 4],
            domain=Domain.LEARNING,
            is_draft=i % 33 == 0,  # by the manager (i % 3 == 0), who sees them
            **(
                {"date_text": "ooit"}
                if i % 9 == 0
                else {
                    "date_text": str(2014 + i % 10),
                    "starts_on": date(2014 + i % 10, 1, 1),
                    "ends_on": date(2014 + i % 10, 12, 31),
                    "precision": "year",
                }
            ),
        )
        for i in range(cards)
    )
    return b.case, child


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_cards(manager):
    client = Client()
    client.force_login(manager)
    counts = {}
    for cards in (0, 10, MAX_CARDS_PER_CHILD):
        case, child = build(manager, cards)
        url = reverse("timeline:child", args=[case.pk, child.pk])
        counts[cards] = count_queries(client, url)
        assert client.get(url).content.decode().count("<article") == cards
    assert counts == dict.fromkeys(counts, TIMELINE_QUERIES)


@pytest.mark.django_db
def test_the_board_in_a_meeting_does_not_grow_with_cards(manager):
    """The meeting's presentation draws the same grid, with the cards shared with everyone."""
    client = Client()
    client.force_login(manager)
    counts = []
    for cards in (0, 500):
        case, _child = build(manager, cards)
        meeting = Meeting.objects.create(case=case, held_on=date(2024, 3, 1), goal="inform")
        url = reverse("meetings:present", args=[case.pk, meeting.pk])
        counts.append(count_queries(client, url))
    assert counts[0] == counts[1]
