"""The change since the previous round, per statement (matched by code, across versions of
the statements) and per level, worked out by hand."""

import datetime

import pytest

from rondom.scan.models import Instrument, Sector, Statement
from rondom.scan.results import build

from .results_data import (
    closed_round,
    logged_in,
    network_with_coordinator,
    own_statement,
    respond,
    respond_many,
    url,
)

# "Sharing information" has four statements. Everyone answers now 3 and importance 4,
# except on info-share, where the five people answer:
FIRST = [(2, 4, True)] * 4 + [(3, 4, True)]  # now 11/5 = 2.2, importance 4.0
SECOND = [(4, 5, True)] * 3 + [(4, 4, False), (3, 4, False)]  # now 19/5 = 3.8, importance 4.6
# Level now: (11 + 3 × 15) / 20 = 2.8 first, (19 + 45) / 20 = 3.2 second: +0.4.


def next_version() -> Instrument:
    """A later version of the statements: the same codes, other rows."""
    current = Instrument.current()
    later = Instrument.objects.create(version="2027.1", published_on=datetime.date(2027, 1, 1))
    Statement.objects.bulk_create(
        Statement(instrument=later, audience=s.audience, level=s.level, code=s.code,
                  position=s.position, text=s.text)
        for s in current.statements.all()
    )  # fmt: skip
    return later


@pytest.fixture
def two_rounds(db):
    network, coordinator = network_with_coordinator()
    first = closed_round(network, days_ago=200)
    for answer in FIRST:
        respond(first, Sector.SCHOOL, answers={"info-share": answer}, default=(3, 4, False))
    lunch = own_statement(network)
    second = closed_round(network, previous=first, instrument=next_version(), own=[lunch])
    for answer in SECOND:
        respond(second, Sector.SCHOOL, answers={"info-share": answer}, default=(3, 4, False))
    return first, second, coordinator


def test_the_change_per_statement_and_level(two_rounds):
    first, second, _coordinator = two_rounds
    found = build(second)
    assert found.previous == first
    rows = {row.code: row for row in found.statements}
    assert rows["info-share"].statement.instrument.version == "2027.1"
    change = rows["info-share"].change
    assert (change.now, change.importance, change.is_new) == (
        pytest.approx(1.6), pytest.approx(0.6), False,
    )  # fmt: skip
    assert rows["info-share"].before_now == pytest.approx(2.2)
    assert rows["info-safe"].change.now == 0 and rows["info-safe"].change.importance == 0
    assert rows["own-lunch"].change.is_new  # the first round did not ask it
    level = next(level for level in found.levels if level.level == "information")
    assert level.change.now == pytest.approx(0.4)
    assert (level.before_now, level.all.mean_now) == (pytest.approx(2.8), pytest.approx(3.2))


def test_the_page_csv_and_api_show_the_change(two_rounds):
    _first, second, coordinator = two_rounds
    client = logged_in(coordinator)
    page = client.get(url("results", second)).content.decode()
    number = next(row.number for row in build(second).statements if row.code == "info-share")
    row = page[page.index(f'id="sr-statement-{number}"') :]
    row = row[: row.index("</tr>")]
    assert "<span data-figure>+1,6</span>" in row and "<span data-figure>+0,6</span>" in row
    assert "Verandering nu" in page and "nieuw" in page
    lines = [line.split(";") for line in
             client.get(url("results_csv", second)).content.decode().splitlines()]  # fmt: skip
    share = next(line for line in lines if line[0] == "info-share" and line[3] == "alle")
    assert share[5:] == ["3,8", "0", "4,6", "60%", "+1,6", "+0,6"]
    level = next(line for line in lines if line[0] == "" and line[1] == "Informatie delen")
    assert level[9] == "+0,4"
    api = client.get(
        f"/api/v1/networks/{second.network_id}/scan/rounds/{second.pk}/results/"
    ).json()
    statement = next(s for s in api["statements"] if s["code"] == "info-share")
    assert statement["change"] == {"now": 1.6, "importance": 0.6, "new": False}
    assert next(s for s in api["statements"] if s["code"] == "own-lunch")["change"]["new"]


def test_no_change_where_the_previous_round_had_too_few_answers(db):
    network, _coordinator = network_with_coordinator()
    first = closed_round(network, days_ago=200)
    respond_many(first, Sector.SCHOOL, 4)
    second = closed_round(network, previous=first)
    respond_many(second, Sector.SCHOOL, 5)
    found = build(second)
    assert found.previous == first
    assert all(row.change is None for row in found.statements)  # not "new" either
    assert all(level.change is None for level in found.levels)


def test_a_previous_round_of_another_network_is_never_compared(db):
    network, _coordinator = network_with_coordinator()
    other, _ = network_with_coordinator("Wijk Elders", "coordinator@elders.test")
    theirs = closed_round(other, days_ago=200)
    respond_many(theirs, Sector.SCHOOL, 5, default=(1, 1, True))
    ours = closed_round(network, previous=theirs)
    respond_many(ours, Sector.SCHOOL, 5)
    found = build(ours)
    assert found.previous is None and all(row.change is None for row in found.statements)
