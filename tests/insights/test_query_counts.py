"""The report costs the same number of queries for 3 cases as for 30."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rondom.cases.models import Role
from rondom.demo.builder import CaseBuilder
from rondom.help.models import HelpSatisfaction, HelpSatisfactionReason, Party
from rondom.meetings.models import Agreement, Meeting
from rondom.timeline.kinds import Domain

from .conftest import created_on, help_card, question

QUERY = {"period": "custom", "start": "2024-01-01", "end": "2024-06-30", "age": "7-9"}


def add_cases(manager, count: int) -> None:
    for n in range(count):
        b = CaseBuilder(f"Casus {n}", manager, "Inge")
        child = b.child(f"K{n}", date(2016, 1, 1))
        b.child(f"L{n}", date(2019, 1, 1))
        parent = b.person("Ouder", Role.PARENTS)
        created_on(b.case, "2023-01-01")
        q = question(b.case, Domain.SOCIAL_EMOTIONAL, "januari 2024", child)
        help_card(b, Domain.SOCIAL_EMOTIONAL, "maart 2024", child, question=q)
        question(b.case, Domain.PARENTING, "2023")
        meeting = Meeting.objects.create(case=b.case, held_on=date(2024, 2, 1), goal="inform")
        Agreement.objects.create(case=b.case, meeting=meeting, what="Bellen",
                                 owner=b.manager, due_on=date(2024, 3, 1))  # fmt: skip
        answer = HelpSatisfaction.objects.create(
            case=b.case, participant=parent, party=Party.PARENTS, satisfaction="partly"
        )
        HelpSatisfaction.objects.filter(pk=answer.pk).update(given_at="2024-03-01T12:00Z")
        HelpSatisfactionReason.objects.create(answer=answer, reason="waiting")


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, QUERY)
    assert response.status_code == 200
    return len(captured.captured_queries)


# The session, the user and the second factor, the network and its member organisations
# (for the form), the figures themselves (9 queries: the cells of the children and of the
# families, the questions, help, meetings and agreements, satisfaction and its reasons, and
# the time to help with the questions left open) in a savepoint of their own (2, and on
# PostgreSQL 1 more to keep its JIT compiler off), and one INSERT into the access log.
PINNED = {"insights:network": 20, "api-network-insight": 19, "insights:own": 18}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PINNED))
def test_the_report_does_not_grow_with_the_number_of_cases(manager, network, coordinator, name):
    network.anonymous_only, network.min_cell = True, 1
    network.save()
    client = Client()
    client.force_login(manager if name == "insights:own" else coordinator)
    url = reverse(name, args=[] if name == "insights:own" else [network.pk])
    add_cases(manager, 3)
    few = queries(client, url)
    add_cases(manager, 27)
    many = queries(client, url)
    expected = PINNED[name] + (connection.vendor == "postgresql")
    assert (few, many) == (expected, expected)
