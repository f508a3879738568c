"""An indicator's page and its trend: the table and the chart hold the periods' figures, a
hidden figure shows nowhere, and better or worse follows the indicator's direction."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rondom.audit.models import AuditEvent
from rondom.monitor.models import Period, PeriodValue, Story
from rondom.monitor.trend import BETTER, SAME, WORSE, change_between, trends_for
from rondom.monitor.values import Shown
from tests.networks.agreement_world import client_for

from .story_world import HIDDEN, build_monitor, figures, indicator, period


@pytest.fixture
def monitor(db):
    return build_monitor()


def page_of(monitor, key: str) -> str:
    url = reverse("monitor:indicator", args=[monitor.world.network.pk, monitor.indicators[key].pk])
    response = client_for(monitor.world.coordinator).get(url)
    assert response.status_code == 200
    return response.content.decode()


def svg_of(html: str) -> str:
    [svg] = re.findall(r"<svg class=\"mst-chart\".*?</svg>", html, re.S)
    return svg


def table_rows(html: str) -> list[list[str]]:
    """The trend table's rows as the cells' texts, tags and spacing removed."""
    [table] = re.findall(r"<table class=\"[^\"]*mst-table.*?</table>", html, re.S)
    rows = []
    for row in re.findall(r"<tbody.*?</tbody>", table, re.S)[0].split("</tr>")[:-1]:
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([" ".join(re.sub(r"<[^>]+>", " ", c).split()).replace("&lt;", "<")
                     for c in cells])  # fmt: skip
    return rows


def shown(value: str | None, hidden: bool = False) -> Shown:
    number = None if value is None else Decimal(value)
    return Shown(value=number, hidden=hidden, k=10, frozen_at=None)


def test_better_or_worse_follows_the_direction():
    up, down = shown("5"), shown("3")
    assert change_between(down, up, "higher").verdict == BETTER
    assert change_between(down, up, "lower").verdict == WORSE
    assert change_between(up, down, "lower").verdict == BETTER
    assert change_between(up, down, "higher").verdict == WORSE
    assert change_between(up, shown("5"), "higher").verdict == SAME
    assert change_between(down, up, "higher").text == "+2"
    assert change_between(shown("7.5"), shown("5"), "lower").text == "−2,5"


def test_a_hidden_or_missing_figure_never_gives_a_change():
    hidden = Shown(value=None, hidden=True, k=10, frozen_at=None)
    assert change_between(hidden, shown("5"), "higher") is None
    assert change_between(shown("5"), hidden, "higher") is None
    assert change_between(None, shown("5"), "higher") is None
    assert change_between(shown(None), shown("5"), "higher") is None


@pytest.mark.django_db
def test_the_table_and_the_chart_hold_every_periods_figure(monitor):
    html = page_of(monitor, "meet")
    assert table_rows(html) == [
        ["2025 eerste helft", "64", "bevroren op 5-1-2026", "–"],
        ["2025 tweede helft", "60", "bevroren op 5-1-2026", "−4 slechter"],
        ["2026 eerste helft", "55", "voorlopig, nog niet bevroren", "−5 slechter"],
    ]
    svg = svg_of(html)
    # One point per figure, each printed beside it, and the periods named on the axis.
    assert svg.count("<circle") == 3
    for figure in ("64", "60", "55"):
        assert f">{figure}</text>" in svg
    for words in ("2025</text>", "eerste helft</text>", "tweede helft</text>"):
        assert words in svg
    # The target is a dashed line with its value and direction in words, not colour alone.
    assert 'stroke-dasharray="8 5"' in svg
    assert "streefwaarde 75 (hoger is beter)" in svg
    # A text alternative: the chart has a title and a description with the same figures.
    assert 'role="img"' in svg and "<title" in svg
    [desc] = re.findall(r"<desc[^>]*>(.*?)</desc>", svg, re.S)
    assert "2025 eerste helft: 64; 2025 tweede helft: 60; 2026 eerste helft: 55" in desc


@pytest.mark.django_db
def test_lower_is_better_makes_a_fall_better(monitor):
    rows = table_rows(page_of(monitor, "home"))
    assert [row[-1] for row in rows] == ["", "–", "−1 beter", "−1 beter"]


@pytest.mark.django_db
def test_a_hidden_figure_is_neither_in_the_table_nor_a_point_and_the_chart_says_why(monitor):
    html = page_of(monitor, "wait")
    assert HIDDEN not in html
    rows = table_rows(html)
    assert rows[0] == ["nulmeting", "12", "", ""]  # the baseline comes first
    assert rows[-1] == [
        "2026 eerste helft", "<10", "voorlopig, nog niet bevroren",
        "niet getoond: een cijfer is verborgen",
    ]  # fmt: skip
    svg = svg_of(html)
    # Points for 11 and 10 only; the baseline is a square of its own.
    assert svg.count("<circle") == 2 and svg.count("<rect") == 1
    assert "&lt;10</text>" in svg
    assert "wordt niet getekend" in svg  # the description says why
    # The hidden figure does not stretch the axis either: apart from the years under the
    # axis, every number drawn is at most 12.
    numbers = [int(n) for n in re.findall(r">(\d+)</text>", svg)]
    assert max(n for n in numbers if n not in (2025, 2026)) <= 12
    # The period's story heading shows the hidden text too.
    assert '2026 eerste helft <span class="mst-period-figure">· cijfer &lt;10</span>' in html


@pytest.mark.django_db
def test_a_figure_entered_by_hand_shows_where_it_comes_from(monitor):
    html = page_of(monitor, "home")
    assert "met de hand ingevoerd" in html
    rows = table_rows(html)
    assert rows[1][:3] == ["2025 eerste helft", "8", "Leerplichtadministratie van de gemeente"]


@pytest.mark.django_db
def test_the_page_says_what_the_indicator_is_and_who_agreed_when(monitor):
    html = page_of(monitor, "wait")
    for text in (
        "Weken tot eerste hulp", "Wat Weken tot eerste hulp meet, in gewone woorden.",
        "Elk kind met een hulpvraag heeft binnen 8 weken passende hulp", "kind en ouder",
        "is iemand erop vooruitgegaan?", "lager is beter", "Basisschool De Vlieger",
        "Jeugdteam Noord", "Deze indicator telt mee",
    ):  # fmt: skip
        assert text in html, text
    assert "<dt>Kleinste getal dat getoond wordt</dt><dd>10</dd>" in html
    lonely = page_of(monitor, "lonely")
    assert "telt nog niet mee: er is nog akkoord nodig van 1 lidorganisatie." in lonely


@pytest.mark.django_db
def test_the_page_writes_a_line_in_the_access_log(monitor):
    page_of(monitor, "wait")
    [line] = AuditEvent.objects.filter(action="monitor:indicator")
    assert (line.reason, line.case_id, line.actor_id) == (
        f"network {monitor.world.network.pk}", None, monitor.world.coordinator.pk,
    )  # fmt: skip


@pytest.mark.django_db
def test_trends_for_many_indicators_cost_two_queries(monitor):
    network = monitor.world.network
    chosen = list(monitor.indicators.values())
    for item in chosen:
        item.joint_agreement  # loaded with them, as the pages do  # noqa: B018
    with CaptureQueriesContext(connection) as captured:
        trends = trends_for(chosen, network)
    assert len(captured.captured_queries) == 2
    assert [p.figure.text for p in trends[monitor.indicators["wait"].pk].points] == [
        "11", "10", "<10",
    ]  # fmt: skip


def grow(monitor, years: range) -> None:
    """More half-years, each with a figure and a story for every indicator."""
    network = monitor.world.network
    for year in years:
        for half in (1, 2):
            made = period(network, year, half)
            for chosen in monitor.indicators.values():
                figures(chosen, [made], [year % 7 + half])
                Story.objects.create(
                    indicator=chosen, period=made, perspective="network", works="Samen"
                )


@pytest.mark.django_db
def test_the_page_does_not_grow_with_the_number_of_periods(monitor):
    monitor.joint.starts_on = date(2010, 1, 1)
    monitor.joint.save()
    client = client_for(monitor.world.coordinator)
    url = reverse(
        "monitor:indicator", args=[monitor.world.network.pk, monitor.indicators["wait"].pk]
    )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    grow(monitor, range(2011, 2012))  # with a story, so its agreements are asked for too
    client.get(url)  # the session and its first-request work
    few = queries()
    grow(monitor, range(2012, 2020))
    assert Period.objects.filter(network=monitor.world.network).count() == 21
    assert queries() == few


@pytest.mark.django_db
def test_a_period_outside_the_agreement_without_a_figure_is_left_out(monitor):
    network = monitor.world.network
    period(network, 2019, 2)  # before the joint agreement starts, and no figure
    late = indicator(monitor.joint, "Laat", "higher", "5")
    PeriodValue.objects.create(indicator=late, period=period(network, 2018, 1), value=3, count=50)
    html = page_of(monitor, "meet")
    assert "2019 tweede helft" not in html
    trend = trends_for([late], network)[late.pk]
    assert [point.label for point in trend.points][:1] == ["2018 eerste helft"]
