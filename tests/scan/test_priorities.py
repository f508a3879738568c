"""The priority of a statement and the top 10, strengths and weak points, for a known set of
answers worked out by hand."""

import pytest

from rondom.scan.models import Sector
from rondom.scan.priorities import priority, top_priorities
from rondom.scan.results import build

from .results_data import DONT_KNOW, closed_round, logged_in, network_with_coordinator, respond, url


def test_the_formula():
    assert priority(5, 1, 1.0) == 5  # very important, at the bottom, everyone wants to act
    assert priority(5, 5, 1.0) == 0  # already at the top
    assert priority(5, 1, 0.0) == 0  # nobody wants to act
    assert priority(4, 3, 0.5) == pytest.approx(4 * 0.5 * 0.5)


def test_the_top_ten_leaves_out_zero_and_orders_ties_by_code():
    items = [("b", 2.0), ("a", 2.0), ("z", 0.0), ("c", None), ("d", 3.0)]
    items += [(f"x{n:02}", 1.0) for n in range(10)]
    top = top_priorities(items, lambda item: item[1], lambda item: item[0])
    assert [code for code, _value in top] == ["d", "a", "b", *[f"x{n:02}" for n in range(7)]]


# Five school staff answer five statements of the first level; all others stand at 5, so
# their priority is 0. Per statement: (now, importance, act) of each of the five people.
KNOWN = {
    # now 1, importance 5, everyone acts: 5 × 4/4 × 1 = 5.00
    "gov-support": [(1, 5, True)] * 5,
    # now 2, importance 4, three of five act: 4 × 3/4 × 0.6 = 1.80
    "gov-fit": [(2, 4, True)] * 3 + [(2, 4, False)] * 2,
    # now 3, importance 5, four of five act: 5 × 2/4 × 0.8 = 2.00
    "gov-managers": [(3, 5, True)] * 4 + [(3, 5, False)],
    # now 3, importance 4, all act: 4 × 2/4 × 1 = 2.00, the same: after gov-managers by code
    "gov-means": [(3, 4, True)] * 5,
    # now 2, importance 3, two of five act: 3 × 3/4 × 0.4 = 0.90
    "gov-goal": [(2, 3, True), (2, 3, True), (2, 3, False), (2, 3, False), (2, 3, False)],
    # one "don't know" leaves four scores: too few for an average, so no priority at all
    "gov-mandate": [(DONT_KNOW, 5, True)] + [(1, 5, True)] * 4,
}


@pytest.fixture
def known(db):
    network, coordinator = network_with_coordinator()
    round = closed_round(network)
    for person in range(5):
        answers = {code: rows[person] for code, rows in KNOWN.items()}
        respond(round, Sector.SCHOOL, default=(5, 4, False), answers=answers)
    return round, coordinator


def test_the_priority_order_of_a_known_round(known):
    round, _coordinator = known
    found = build(round)
    assert [row.code for row in found.priorities] == [
        "gov-support", "gov-managers", "gov-means", "gov-fit", "gov-goal",
    ]  # fmt: skip
    assert [round_(row.priority) for row in found.priorities] == [5.0, 2.0, 2.0, 1.8, 0.9]
    goal = next(row for row in found.statements if row.code == "gov-goal")
    assert (goal.all.n, goal.all.dont_know, goal.all.mean_now) == (5, 0, 2.0)
    mandate = next(row for row in found.statements if row.code == "gov-mandate")
    assert (mandate.all.n, mandate.all.dont_know, mandate.all.mean_now) == (5, 1, None)


def round_(value: float) -> float:
    return round(value, 6)


def test_weak_points_and_strengths_of_a_known_round(known):
    round, _coordinator = known
    found = build(round)
    # Below 3 now and at least 4 important: gov-support (1) before gov-fit (2).
    assert [row.code for row in found.weak_points] == ["gov-support", "gov-fit"]
    # Everything else stands at 5: the first five of them by code.
    codes = sorted(row.code for row in found.statements if row.all.mean_now == 5)
    assert [row.code for row in found.strengths] == codes[:5]


def test_the_page_explains_the_formula_and_lists_the_priorities_in_order(known):
    round, coordinator = known
    page = logged_in(coordinator).get(url("results", round)).content.decode()
    assert "Prioriteit = gemiddeld belang × de afstand van ‘nu’ tot de top van de schaal" in page
    section = page[page.index('id="sr-priorities"') : page.index('id="sr-disagree"')]
    numbers = {row.code: row.number for row in build(round).statements}
    expected = ["gov-support", "gov-managers", "gov-means", "gov-fit", "gov-goal"]
    positions = [section.index(f'<span class="sr-number">{numbers[code]}.</span>')
                 for code in expected]  # fmt: skip
    assert positions == sorted(positions)
    assert ">5,00<" in section and ">0,90<" in section
