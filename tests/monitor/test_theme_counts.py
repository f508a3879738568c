"""Signals counted per theme and half-year: small numbers hidden as in the insight report,
with k stated; and the pages cost the same number of queries for few signals as for many."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from rondom.insights.suppression import Line, can_work_out
from rondom.monitor.models import Signal, SignalTheme
from rondom.monitor.signals import count_table, signal_counts
from rondom.networks.models import Network

from .signal_world import build_world, client_for


@pytest.fixture
def world(db):
    return build_world()


def add(network, theme, month: date, count: int) -> None:
    Signal.objects.bulk_create(
        Signal(network=network, theme=theme, text=f"{month} signaal {n}", month=month)
        for n in range(count)
    )


@pytest.fixture
def counted(world):
    waiting = SignalTheme.objects.create(network=world.network, name="Wachtlijsten")
    money = SignalTheme.objects.create(network=world.network, name="Financiering")
    add(world.network, waiting, date(2026, 2, 1), 12)
    add(world.network, waiting, date(2026, 9, 1), 15)
    add(world.network, money, date(2026, 6, 1), 3)
    add(world.network, money, date(2026, 7, 1), 11)
    add(world.network, None, date(2026, 12, 1), 10)
    return world


def test_counts_below_k_hide_with_a_second_cell_where_a_total_gives_them_away(counted):
    with translation.override("nl"):
        table = count_table(counted.network, today=date(2026, 12, 1))
    assert table.k == 10 and table.halves == ("2026-1", "2026-2")
    assert table.half_labels == ["2026 eerste helft", "2026 tweede helft"]
    rows = [(row.label, row.cells, row.total) for row in table.rows]
    assert rows == [
        ("Financiering", ("<10", "<10"), "14"),  # 3 is small; 11 goes too, or 14 − 11 shows it
        ("Wachtlijsten", ("12", "15"), "27"),
        ("Nog geen thema", ("<10", "<10"), "10"),  # 0 counts as small
    ]
    assert (table.totals.cells, table.totals.total) == (("15", "36"), "51")


def test_no_hidden_count_can_be_worked_out_from_what_shows(counted):
    table = count_table(counted.network, today=date(2026, 12, 1))
    for row in table.rows:
        values = {f"c{n}": cell for n, cell in enumerate(row.cells)} | {"total": row.total}
        numbers = {k: 0 if v.startswith("<") else int(v) for k, v in values.items()}
        hidden = {k for k, v in values.items() if v.startswith("<")}
        line = Line(tuple(k for k in values if k != "total"), "total")
        assert not can_work_out(line, numbers, hidden), row


def test_a_network_for_anonymous_cases_only_may_show_smaller_numbers(counted):
    Network.objects.filter(pk=counted.network.pk).update(anonymous_only=True, min_cell=3)
    counted.network.refresh_from_db()
    add(counted.network, None, date(2026, 1, 1), 4)  # no empty cell left to protect
    table = count_table(counted.network, today=date(2026, 12, 1))
    assert table.k == 3
    assert [row.cells for row in table.rows] == [("3", "11"), ("12", "15"), ("4", "10")]


def test_the_page_states_k_and_shows_only_what_the_table_shows(counted):
    with translation.override("nl"):
        html = client_for(counted.coordinator).get(
            reverse("monitor:signals", args=[counted.network.pk])
        )
    html = html.content.decode()
    counts = html.split('class="utrecht-table rondom-table sg-counts"')[1].split("</table>")[0]
    assert "Aantallen onder 10 staan er als &lt;10" in html
    assert counts.count("&lt;10") == 4
    for hidden in (">3<", ">11<", ">0<"):
        assert hidden not in counts


def test_the_counts_for_an_indicator(counted):
    waiting = SignalTheme.objects.get(name="Wachtlijsten")
    money = SignalTheme.objects.get(name="Financiering")
    assert signal_counts(counted.network, date(2026, 1, 1), date(2026, 6, 30)) == {
        waiting.pk: 12,
        money.pk: 3,
    }
    assert signal_counts(counted.network, date(2026, 7, 1), date(2026, 12, 31)) == {
        waiting.pk: 15,
        money.pk: 11,
        None: 10,
    }


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_pages_cost_the_same_for_few_signals_and_many(world):
    themes = [SignalTheme.objects.create(network=world.network, name=f"Thema {n}") for n in (1, 2)]
    add(world.network, themes[0], date(2025, 3, 1), 2)
    add(world.network, None, date(2026, 3, 1), 1)
    client = client_for(world.coordinator)
    urls = [
        reverse("monitor:signals", args=[world.network.pk]),
        reverse("monitor:signals", args=[world.network.pk]) + f"?theme={themes[0].pk}",
        reverse("monitor:theme", args=[world.network.pk, themes[0].pk]),
    ]
    few = [queries(client, url) for url in urls]
    for n, month in enumerate((date(2024, 1, 1), date(2025, 8, 1), date(2026, 5, 1))):
        add(world.network, themes[n % 2], month, 40)
        add(world.network, None, month, 20)
    themes.append(SignalTheme.objects.create(network=world.network, name="Thema 3"))
    many = [queries(client, url) for url in urls]
    assert many == few
