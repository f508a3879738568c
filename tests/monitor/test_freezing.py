"""Freezing the figures of an ended half-year: once, never rewritten, and safe to repeat."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rondom.cases.models import Case
from rondom.demo.builder import CaseBuilder
from rondom.insights.periods import half_year
from rondom.monitor import freezing
from rondom.monitor.catalogue import SOURCES, compute
from rondom.monitor.consent import agree
from rondom.monitor.freezing import (
    ended_half_years,
    freeze_all,
    freeze_network,
    freeze_period,
    provisional,
)
from rondom.monitor.models import Period, PeriodValue
from tests.insights.conftest import created_on

from .figures_world import (
    agreed_by,
    client_for,
    indicator,
    joint_agreement,
    known_half_year,
    make_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(manager):
    return make_world(manager)


AFTER_H1 = date(2024, 7, 2)


def add_case(world, title: str, created: str = "2023-01-01") -> Case:
    b = CaseBuilder(title, world["manager"], "Inge")
    b.child("K", date(2016, 1, 1))
    created_on(b.case, created)
    return b.case


def test_an_ended_half_year_freezes_the_counting_computed_indicators_only(world):
    known_half_year(world)
    network = world["network"]
    joint = joint_agreement(network)
    counted = agreed_by(indicator(joint), world["school"], world["youth"])
    pending = agreed_by(indicator(joint, "children"), world["school"])
    by_hand = agreed_by(indicator(joint, ""), world["school"], world["youth"])

    assert ended_half_years(network, AFTER_H1) == [(2024, 1)]
    done = freeze_network(network, AFTER_H1)
    assert (done.periods, done.values) == (1, 1)
    period = Period.objects.get(network=network)
    assert (period.year, period.half) == (2024, 1) and period.frozen_at is not None
    value = PeriodValue.objects.get()
    assert (value.indicator, value.value, value.count) == (counted, Decimal(2), 2)
    assert value.frozen_at == period.frozen_at
    assert not PeriodValue.objects.filter(indicator__in=[pending, by_hand]).exists()


def test_a_frozen_figure_stays_when_a_case_changes_while_the_provisional_one_moves(world):
    known_half_year(world)
    network = world["network"]
    joint = joint_agreement(network, starts_on=date(2024, 1, 1))
    cases = agreed_by(indicator(joint), world["school"], world["youth"])
    freeze_all()
    frozen = PeriodValue.objects.get(indicator=cases, period__year=2024, period__half=1)
    (year, half), before = provisional(network, [cases])
    assert (year, half) == freezing.half_of(timezone.localdate())
    assert before[cases.pk].count == 2

    # A case created in 2023 that counts from now on, in the frozen half-year as well.
    add_case(world, "Casus Later")
    again = freeze_all()
    assert again.periods == 0 and again.values == 0
    kept = PeriodValue.objects.get(pk=frozen.pk)
    assert (kept.value, kept.count, kept.frozen_at) == (frozen.value, frozen.count,
                                                        frozen.frozen_at)  # fmt: skip
    _current, after = provisional(network, [cases])
    assert after[cases.pk].count == 3  # Eik, Beuk and Later
    assert after[cases.pk] != before[cases.pk]
    assert PeriodValue.objects.filter(period__year=year, period__half=half).count() == 0
    assert not Period.objects.filter(year=year, half=half).exists()  # never stored


def test_an_indicator_that_starts_counting_later_gets_its_frozen_figure_then(world):
    known_half_year(world)
    network = world["network"]
    joint = joint_agreement(network)
    late = agreed_by(indicator(joint, "children"), world["school"])
    freeze_network(network, AFTER_H1)
    period = Period.objects.get()
    assert not PeriodValue.objects.exists()

    # The youth team agrees on the page: the indicator counts, and its figure is worked out.
    answer = client_for(world["cas"]).post(
        reverse("monitor:indicator_agree", args=[network.pk, late.pk]),
        {"organisation": world["youth"].pk, "version": late.version},
        follow=True,
    )
    assert "Het cijfer voor 1 halfjaar dat al bevroren was, is nu berekend." in (
        answer.content.decode()
    )
    value = PeriodValue.objects.get()
    assert (value.indicator, value.value) == (late, Decimal(3))
    assert value.frozen_at > period.frozen_at
    period.refresh_from_db()
    assert Period.objects.get().frozen_at == period.frozen_at
    # Taking the agreement back and giving it again computes nothing again.
    late.consents.filter(organisation=world["youth"]).delete()
    assert agree(late, world["youth"], world["cas"], late.version) is True
    assert freezing.fill_in(late) == 0
    assert PeriodValue.objects.get().frozen_at == value.frozen_at


def test_two_runs_at_once_make_one_value(world, monkeypatch):
    """The second run read the indicators before the first had stored its values: its own
    insert gives way to the first one's, without an error."""
    known_half_year(world)
    network = world["network"]
    cases = agreed_by(indicator(joint_agreement(network)), world["school"], world["youth"])
    freeze_network(network, AFTER_H1)
    first = PeriodValue.objects.get()
    stale = freezing.running_in
    monkeypatch.setattr(freezing, "to_freeze", lambda network, period, dates: stale(
        network, dates).filter(pk=cases.pk))  # fmt: skip
    add_case(world, "Casus Tussendoor")
    freeze_period(network, 2024, 1, timezone.now())
    assert list(PeriodValue.objects.values_list("pk", "count")) == [(first.pk, 2)]


def test_a_joint_agreement_freezes_only_the_half_years_it_runs_in(world):
    network = world["network"]
    joint_agreement(network, starts_on=date(2023, 3, 1), ends_on=date(2023, 12, 31))
    joint_agreement(network, starts_on=date(2024, 9, 1))
    assert ended_half_years(network, date(2025, 1, 5)) == [(2023, 1), (2023, 2), (2024, 2)]
    assert ended_half_years(network, date(2024, 12, 31)) == [(2023, 1), (2023, 2)]


def test_the_command_freezes_and_says_so_in_dutch(world):
    known_half_year(world)
    network = world["network"]
    joint = joint_agreement(network, starts_on=date(2024, 1, 1), ends_on=date(2024, 12, 31))
    agreed_by(indicator(joint), world["school"], world["youth"])
    out = io.StringIO()
    call_command("freeze_periods", stdout=out)
    assert out.getvalue().strip() == "2 halfjaren bevroren, 2 cijfers opgeslagen."
    out = io.StringIO()
    call_command("freeze_periods", stdout=out)
    assert out.getvalue().strip() == "0 halfjaren bevroren, 0 cijfers opgeslagen."


def every_source(joint, world) -> list:
    options = {"domain": "learning", "party": "parents", "level": "governance"}
    return [
        agreed_by(
            indicator(
                joint,
                source.key,
                {source.option: options[source.option]} if source.option in options else {},
            ),
            world["school"],
            world["youth"],
        )  # fmt: skip
        for source in SOURCES
    ]


def queries_to_compute(network, indicators) -> int:
    with CaptureQueriesContext(connection) as captured:
        compute(network, half_year(2024, 1), indicators)
    return len(captured.captured_queries)


def test_computing_every_indicator_takes_the_same_queries_for_few_or_many(world):
    known_half_year(world)
    network = world["network"]
    joint = joint_agreement(network)
    few = every_source(joint, world)[:3]
    many = every_source(joint, world) + every_source(joint, world)
    small = queries_to_compute(network, many)
    assert queries_to_compute(network, few) <= small
    for n in range(25):
        add_case(world, f"Casus {n}")
    assert queries_to_compute(network, many) == small
    # The insight figures (9, and on PostgreSQL one more to keep its JIT compiler off, in a
    # savepoint of their own: 2), the agreements due, the time out of school (2), the scan's
    # round, statements and sums (4), and the signals: 19, whatever the number of cases.
    assert small <= 20


def test_freezing_a_period_takes_the_same_queries_for_few_or_many_cases(world):
    known_half_year(world)
    network = world["network"]
    joint = joint_agreement(network)
    every_source(joint, world)

    def freeze() -> int:
        PeriodValue.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            freeze_period(network, 2024, 1, timezone.now())
        return len(captured.captured_queries)

    freeze()  # makes the period
    small = freeze()
    for n in range(25):
        add_case(world, f"Casus {n}")
    assert freeze() == small


@pytest.mark.django_db(transaction=True)
def test_two_runs_in_two_threads_store_each_value_once(world):
    """Each run takes its own connection; whichever gets the period row first freezes, the
    other waits for it and finds every value made."""
    import threading

    from django.db import connections

    # Without the scan: a test that commits may run after another emptied the tables that
    # the migrations filled, such as the scan's statements.
    add_case(world, "Casus Een")
    add_case(world, "Casus Twee")
    network = world["network"]
    joint = joint_agreement(network)
    for source in ("cases", "children", "meetings_per_case"):
        agreed_by(indicator(joint, source), world["school"], world["youth"])
    errors, start = [], threading.Barrier(2)

    def run() -> None:
        try:
            start.wait(timeout=30)
            freeze_network(network, AFTER_H1)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert PeriodValue.objects.count() == 3
    assert Period.objects.filter(network=network).count() == 1
