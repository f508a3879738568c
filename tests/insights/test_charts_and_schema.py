"""The charts draw no hidden count, and the API's insight endpoints are in its schema."""

import re

import pytest
from django.test import Client

from rondom.insights.charts import stacked_bars
from rondom.insights.report import Row, Shown


def row(values: list[int | None], total: int | None) -> Row:
    keys = ("both", "question_only", "help_only", "neither")
    cells = tuple(
        Shown(("child", "x", key), value) for key, value in zip(keys, values, strict=True)
    )
    return Row("x", "Leren", cells, Shown(("children",), total))


def test_hidden_cells_are_one_hatched_part_without_a_number():
    svg = str(stacked_bars([row([40, None, None, 50], 97)], "t"))
    assert svg.count("url(#t-hatch)") == 1
    assert re.findall(r">(\d+)</text>", svg) == ["40", "50"]
    # The hatched part is as wide as the shown cells leave: 7 of 97, nothing per cell.
    hatch = re.search(r'width="([\d.]+)" height="26" fill="url\(#t-hatch\)"', svg)
    assert float(hatch[1]) == pytest.approx(430 * 7 / 97, abs=0.1)
    assert 'aria-hidden="true"' in svg


def test_a_bar_with_a_hidden_total_is_all_hatched():
    svg = str(stacked_bars([row([None, None, None, None], None)], "t"))
    assert '<text x="0"' in svg and not re.findall(r">(\d+)</text>", svg)


@pytest.mark.django_db
def test_the_insight_endpoints_are_in_the_openapi_schema():
    schema = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    network = schema["paths"]["/api/v1/networks/{network_id}/insight/"]["get"]
    names = {parameter["name"] for parameter in network["parameters"]}
    assert {"period", "start", "end", "organisation", "age", "network_id"} <= names
    assert "/api/v1/insight/" in schema["paths"]
    figure = schema["components"]["schemas"]["Figure"]["properties"]
    assert set(figure) == {"count", "percent", "suppressed"}
