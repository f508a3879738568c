"""Who sees a network's monitor (its coordinators and site admins; everyone else gets a 404
and nothing of it), small numbers on the overview, the access log, and query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rondom.audit.models import AuditEvent
from rondom.demo.builder import CaseBuilder
from rondom.meetings.models import Meeting
from rondom.monitor.models import IndicatorConsent, JointAgreement, Period, PeriodValue
from tests.conftest import make_user

from .figures_world import (
    MARKER,
    agreed_by,
    client_for,
    indicator,
    joint_agreement,
    make_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(manager):
    return make_world(manager)


@pytest.fixture
def planted(world):
    """A joint agreement, an indicator computed and one by hand, with the marker in every
    text, and a figure by hand for the first half of 2025."""
    network = world["network"]
    joint = joint_agreement(network, result=f"Resultaat {MARKER}", starts_on=date(2025, 1, 1))
    computed = indicator(joint, name=f"Casussen {MARKER}", definition=f"Telt {MARKER}")
    by_hand = indicator(joint, "", name=f"CBS {MARKER}")
    period = Period.objects.create(network=network, year=2025, half=1)
    PeriodValue.objects.create(indicator=by_hand, period=period, value=4, source_note=MARKER)
    return {"joint": joint, "computed": computed, "by_hand": by_hand}


def pages(world, planted) -> list[tuple[str, str]]:
    """(method, address) of every page of the monitor's figures."""
    n, joint = world["network"].pk, planted["joint"].pk
    computed, by_hand = planted["computed"].pk, planted["by_hand"].pk
    school = world["school"].pk
    return [
        ("get", reverse("monitor:overview", args=[n])),
        ("get", reverse("monitor:joint_new", args=[n])),
        ("post", reverse("monitor:joint_new", args=[n])),
        ("get", reverse("monitor:joint_edit", args=[n, joint])),
        ("post", reverse("monitor:joint_edit", args=[n, joint])),
        ("get", reverse("monitor:indicator_new", args=[n, joint])),
        ("post", reverse("monitor:indicator_new", args=[n, joint])),
        ("get", reverse("monitor:indicator_edit", args=[n, computed])),
        ("post", reverse("monitor:indicator_edit", args=[n, computed])),
        ("post", reverse("monitor:indicator_agree", args=[n, computed])),
        ("post", reverse("monitor:indicator_withdraw", args=[n, computed, school])),
        ("get", reverse("monitor:values", args=[n, by_hand])),
        ("get", reverse("monitor:value_edit", args=[n, by_hand, 2025, 1])),
        ("post", reverse("monitor:value_edit", args=[n, by_hand, 2025, 1])),
    ]


@pytest.mark.parametrize("who", ["stranger", "manager", "outsider", "anonymous"])
def test_everyone_but_its_coordinators_gets_a_404_and_sees_nothing(request, world, planted, who):
    if who == "anonymous":
        client = Client()
    else:
        person = request.getfixturevalue("outsider") if who == "outsider" else world[who]
        client = client_for(person)
    data = {"organisation": world["school"].pk, "result": "x", "starts_on": "2026-01-01",
            "value": "1", "source_note": "x", "version": 1}  # fmt: skip
    for method, url in pages(world, planted):
        response = getattr(client, method)(url, data if method == "post" else None)
        if who == "anonymous":
            assert response.status_code == 302 and "login" in response.url, url
        else:
            assert response.status_code == 404, (url, response.status_code)
        assert MARKER not in response.content.decode(), url
    assert JointAgreement.objects.count() == 1 and not IndicatorConsent.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="monitor:").exists()


@pytest.mark.parametrize("who", ["ann", "admin"])
def test_a_coordinator_and_a_site_admin_see_every_page(world, planted, who):
    person = world["ann"] if who == "ann" else make_user("admin@site.test", is_superuser=True)
    client = client_for(person)
    for method, url in pages(world, planted):
        if method == "get":
            assert client.get(url).status_code == 200, url
    page = client.get(reverse("monitor:overview", args=[world["network"].pk])).content.decode()
    assert MARKER in page


def test_the_overview_writes_one_line_to_the_access_log_without_its_content(world, planted):
    network = world["network"]
    client_for(world["ann"]).get(reverse("monitor:overview", args=[network.pk]))
    line = AuditEvent.objects.get(action__startswith="monitor:")
    assert (line.action, line.reason, line.case_id) == ("monitor:view", f"network {network.pk}",
                                                        None)  # fmt: skip
    assert MARKER not in line.action + line.reason


def test_a_figure_with_fewer_than_k_behind_it_never_reaches_the_page(world, manager):
    network = world["network"]
    network.anonymous_only, network.min_cell = False, 10
    network.save()
    joint = joint_agreement(network, starts_on=date(2024, 1, 1))
    cases = agreed_by(indicator(joint), world["school"], world["youth"])
    agreed_by(indicator(joint, "meetings_per_case", name="Overleg"),
                         world["school"], world["youth"])  # fmt: skip
    # A frozen figure with 3 cases behind it.
    period = Period.objects.create(network=network, year=2024, half=1, frozen_at=timezone.now())
    PeriodValue.objects.create(indicator=cases, period=period, value=Decimal(4321), count=3,
                               frozen_at=timezone.now())  # fmt: skip
    # And this half-year: 3 anonymous cases with 37 meetings, 12.33 a case.
    for n in range(3):
        b = CaseBuilder(f"Casus {n}", manager, "Inge")
        b.child("K", date(2016, 1, 1))
        Meeting.objects.bulk_create(
            Meeting(case=b.case, held_on=timezone.localdate(), goal="inform")
            for _m in range(12 + (n == 0))
        )
    url = reverse("monitor:overview", args=[network.pk])
    ann = client_for(world["ann"])
    text = ann.get(url).content.decode()
    assert "&lt;10" in text and "minder dan 10 casussen" in text
    for secret in ("4321", "4.321", "12,3", "12.3"):
        assert secret not in text, secret
    assert "voorlopig" in text

    # Where three may be shown, they are.
    network.anonymous_only, network.min_cell = True, 3
    network.save()
    text = ann.get(url).content.decode()
    assert "4321" in text and "12,3" in text


def build_monitor(world, joints: int, indicators: int, periods: int) -> None:
    network = world["network"]
    for j in range(joints):
        joint = joint_agreement(network, result=f"Afspraak {j}", starts_on=date(2023, 1, 1))
        for i in range(indicators):
            made = agreed_by(indicator(joint, name=f"Indicator {j}.{i}"), world["school"],
                             world["youth"])  # fmt: skip
            for p in range(periods):
                period, _new = Period.objects.get_or_create(
                    network=network, year=2023 + p // 2, half=1 + p % 2
                )
                PeriodValue.objects.create(indicator=made, period=period, value=p, count=20,
                                           frozen_at=timezone.now())  # fmt: skip
        # Ann's school has not agreed to it yet: the page offers her to.
        by_hand = indicator(joint, "", name=f"Met de hand {j}")
        agreed_by(by_hand, world["youth"])


def overview_queries(world) -> int:
    client = client_for(world["ann"])
    url = reverse("monitor:overview", args=[world["network"].pk])
    client.get(url)  # the session settles
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_overview_does_not_grow_with_agreements_indicators_periods_or_cases(world, manager):
    build_monitor(world, joints=1, indicators=1, periods=1)
    small = overview_queries(world)
    JointAgreement.objects.all().delete()
    build_monitor(world, joints=3, indicators=4, periods=4)
    assert overview_queries(world) == small
    for n in range(10):
        b = CaseBuilder(f"Casus {n}", manager, "Inge")
        b.child("K", date(2016, 1, 1))
    assert overview_queries(world) == small
