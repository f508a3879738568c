"""The pages and API lists that span cases cost the same number of SQL queries whether a
person is in one case or in thirty. Each count is pinned, so a query per case shows up here."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from rondom.cases.models import Role
from rondom.demo.builder import CaseBuilder
from rondom.meetings.models import Agreement, Meeting
from rondom.timeline.kinds import CardKind

from .conftest import make_user


def add_cases(manager, coach, count: int) -> None:
    """Cases the manager runs, each with a child, a parent, the coach (with consent), two
    cards, a meeting and an agreement for the coach."""
    start = Meeting.objects.count()
    for n in range(count):
        b = CaseBuilder(f"Familie {start + n}", manager, "Inge")
        child = b.child(f"Kind {n}", date(2015, 1, 1))
        b.person(f"Ouder {n}", Role.PARENTS)
        person = b.person("Coach", Role.YOUTH_CARE, coach)
        b.name_with_consent()
        b.card(CardKind.LIFE_EVENT, b.manager, "2020", "Verhuisd", child)
        b.card(CardKind.HELP, person, "2021", "Gezinscoach", child)
        next_one = date.today() + timedelta(days=9)
        meeting = Meeting.objects.create(case=b.case, held_on=date(2024, 1, 1), goal="inform",
                                         next_meeting_on=next_one)  # fmt: skip
        Agreement.objects.create(case=b.case, meeting=meeting, what="Bellen", owner=person,
                                 due_on=date(2030, 1, 1))  # fmt: skip


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries)


PAGES = ["caseload:cases", "caseload:overview", "caseload:my_agreements"]
API_LISTS = ["cases", "children", "participants", "school-periods", "cards"]
# What each costs the case manager: the session, the user and the second factor, the access
# policy, the page or list itself, and for the API one INSERT into the access log (a list's
# lines go in together; the school career is empty here, so nothing is logged). A list that
# fits on one page needs no COUNT. My agreements also lists the network agreements.
PINNED = [10, 7, 8, 5, 5, 5, 1, 6]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["manager", "coach", "site admin"])
def test_lists_across_cases_do_not_grow_with_the_number_of_cases(manager, who):
    coach = make_user("coach@jeugd.test")
    admin = make_user("admin@x.test", is_superuser=True, is_staff=True)
    user = {"manager": manager, "coach": coach, "site admin": admin}[who]
    web, api = Client(), APIClient()
    web.force_login(user)
    api.force_authenticate(user)
    urls = [(web, reverse(name)) for name in PAGES]
    urls += [(api, f"/api/v1/{name}/?limit=500") for name in API_LISTS]
    add_cases(manager, coach, 1)
    few = {url: queries(client, url) for client, url in urls}
    add_cases(manager, coach, 30)
    many = {url: queries(client, url) for client, url in urls}
    assert many == few
    if who == "manager":
        assert list(few.values()) == PINNED
