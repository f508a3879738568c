"""The timeline page costs the same number of queries for 10 cards as for 500."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rondom.cases.models import Role
from rondom.demo.builder import CaseBuilder
from rondom.timeline.kinds import ROWS, CardKind
from rondom.timeline.models import Card


def build(manager, cards: int):
    b = CaseBuilder(f"Case with {cards}", manager, "IB")
    child = b.child("Kind", date(2014, 2, 2))
    parent = b.person("Ouder", Role.MOTHER)
    b.name_with_consent()
    b.period(child, "school", "School", "2018", "", "1 2 3 4 5 6")
    kinds = [row.card_kind for row in ROWS if row.card_kind]
    Card.objects.bulk_create(
        Card(
            case=b.case,
            child=child if i % 5 else None,
            kind=kinds[i % len(kinds)],
            author=parent if i % 2 else b.manager,
            text=f"kaart {i}",
            date_text=str(2014 + i % 10),
            starts_on=date(2014 + i % 10, 1, 1),
            ends_on=date(2014 + i % 10, 12, 31),
            precision="year",
        )
        for i in range(cards)
    )
    return b.case, child


def count_queries(client, case, child) -> int:
    url = reverse("timeline:child", args=[case.pk, child.pk])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_cards(manager):
    client = Client()
    client.force_login(manager)
    small = build(manager, 10)
    large = build(manager, 500)
    assert Card.objects.filter(case=large[0]).count() == 500
    assert count_queries(client, *small) == count_queries(client, *large)
    # Session, user and second-factor check 3; the access policy (case, participant,
    # consent) 3; the page 6; its access-log line 4; renewing the session (idle timeout) 3.
    assert count_queries(client, *large) <= 19
    assert CardKind.HELP in {c.kind for c in Card.objects.filter(case=large[0])}
