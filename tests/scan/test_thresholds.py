"""Results show only from 5 respondents, per audience and per sector; smaller sectors are
pooled as "overig", and a pool under 5 never shows on its own."""

import csv
import io
import re

import pytest

from rondom.scan.models import Sector
from rondom.scan.results import POOL, State, audience_groups, build

from .results_data import (
    DONT_KNOW,
    closed_round,
    logged_in,
    network_with_coordinator,
    open_round,
    respond,
    respond_many,
    url,
)

PROFESSIONAL_SECTORS = [s for s in Sector.values if s != Sector.PARENT]


def groups_of(counts: dict[str, int]) -> dict[str, tuple[tuple[str, ...], int]]:
    return {g.key: (g.sectors, g.respondents)
            for g in audience_groups(counts, PROFESSIONAL_SECTORS, 5)}  # fmt: skip


def test_a_sector_of_five_shows_apart_and_one_of_four_is_pooled():
    groups = groups_of({"school": 5, "youth_care": 6, "childcare": 4, "municipality": 1})
    assert groups == {
        "school": (("school",), 5),
        "youth_care": (("youth_care",), 6),
        POOL: (("childcare", "municipality"), 5),
    }


def test_a_pool_of_four_takes_the_smallest_sector_along_rather_than_show_on_its_own():
    # Shown apart, the pool's figures would follow from "alle" minus the other sectors.
    groups = groups_of({"school": 6, "youth_care": 5, "childcare": 4})
    assert groups == {"school": (("school",), 6), POOL: (("youth_care", "childcare"), 9)}
    assert all(respondents >= 5 for _sectors, respondents in groups.values())


def test_when_the_pool_would_be_everyone_only_everyone_shows():
    assert groups_of({"school": 5, "childcare": 4}) == {}
    assert groups_of({"childcare": 4, "municipality": 3}) == {}
    assert groups_of({"school": 9}) == {"school": (("school",), 9)}


@pytest.mark.django_db
def test_four_respondents_show_nothing_and_say_one_more_is_needed():
    network, coordinator = network_with_coordinator()
    round = closed_round(network)
    respond_many(round, Sector.SCHOOL, 4, default=(2, 5, True), remarks={"gov-fit": "MERKTEKEN"})
    found = build(round)
    assert (found.state, found.respondents, found.needed) == (State.TOO_FEW, 4, 1)
    assert found.statements == [] and found.priorities == []
    client = logged_in(coordinator)
    page = client.get(url("results", round)).content.decode()
    assert "er was nog 1 persoon nodig geweest" in page
    assert "data-figure" not in page and "<svg" not in page and "MERKTEKEN" not in page
    rows = client.get(url("results_csv", round)).content.decode().splitlines()
    assert len(rows) == 1  # the header alone
    assert "MERKTEKEN" not in client.get(url("remarks", round)).content.decode()


@pytest.mark.django_db
def test_five_respondents_show_the_results():
    network, coordinator = network_with_coordinator()
    round = closed_round(network)
    respond_many(round, Sector.SCHOOL, 3, default=(2, 5, True))
    respond_many(round, Sector.YOUTH_CARE, 2, default=(4, 5, True))
    # Answers not submitted do not count, nor in the sums.
    respond(round, Sector.SCHOOL, default=(1, 1, False), submitted=False)
    found = build(round)
    assert (found.state, found.respondents) == (State.SHOWN, 5)
    row = next(r for r in found.statements if r.code == "gov-fit")
    assert (row.all.n, row.all.mean_now) == (5, pytest.approx(2.8))
    # Neither sector reaches five: only everyone together.
    assert found.shown_parts[0].groups == [] and row.by_group == {}
    page = logged_in(coordinator).get(url("results", round)).content.decode()
    assert "Sterke punten" in page and "<svg" in page


@pytest.mark.django_db
def test_nothing_shows_while_the_round_is_open():
    network, coordinator = network_with_coordinator()
    round = open_round(network)
    respond_many(round, Sector.SCHOOL, 8, default=(2, 5, True), remarks={"gov-fit": "MERKTEKEN"})
    found = build(round)
    assert (found.state, found.respondents, found.statements) == (State.OPEN, 8, [])
    client = logged_in(coordinator)
    page = client.get(url("results", round)).content.decode()
    assert "zodra de ronde gesloten is" in page and "data-figure" not in page
    assert "MERKTEKEN" not in client.get(url("remarks", round)).content.decode()
    api = client.get(f"/api/v1/networks/{network.pk}/scan/rounds/{round.pk}/results/").json()
    assert api["state"] == "open" and api["statements"] == [] and api["levels"] == []


@pytest.mark.django_db
def test_pooled_sectors_on_the_page_csv_and_api():
    network, coordinator = network_with_coordinator()
    round = closed_round(network)
    respond_many(round, Sector.SCHOOL, 6, default=(4, 4, False))
    respond_many(round, Sector.YOUTH_CARE, 5, default=(2, 4, True))
    respond_many(round, Sector.CHILDCARE, 4, default=(3, 3, False))
    respond_many(round, Sector.MUNICIPALITY, 1, default=(1, 1, True))
    found = build(round)
    part = found.shown_parts[0]
    assert [(g.key, g.respondents) for g in part.groups] == [
        ("school", 6), ("youth_care", 5), (POOL, 5),
    ]  # fmt: skip
    row = next(r for r in found.statements if r.code == "gov-fit")
    assert row.by_group[POOL].mean_now == pytest.approx((4 * 3 + 1) / 5)
    assert row.all.n == 16  # the pool counts in "alle" too

    client = logged_in(coordinator)
    page = client.get(url("results", round)).content.decode()
    who = re.search(r'class="[^"]*sr-who.*?</table>', page, re.S)[0]
    assert re.findall(r"scope=\"row\">([^<]+)</th>", who) == [
        "School", "Jeugdhulp", "Overig", "Alle professionals",
    ]  # fmt: skip
    assert "Kinderopvang" not in who and "Gemeente" not in who
    groups = {line.split(";")[3] for line in
              client.get(url("results_csv", round)).content.decode().splitlines()[1:]}  # fmt: skip
    assert groups == {"school", "jeugdhulp", "overig", "alle"}
    api = client.get(f"/api/v1/networks/{network.pk}/scan/rounds/{round.pk}/results/").json()
    statement = next(s for s in api["statements"] if s["code"] == "gov-fit")
    assert set(statement["groups"]) == {"school", "youth_care", POOL}
    assert statement["groups"][POOL] == {
        "n": 5, "mean_now": 2.6, "dont_know": 0, "mean_importance": 2.6, "act_share": 0.2,
    }  # fmt: skip


@pytest.mark.django_db
def test_a_pool_of_four_is_not_shown_on_its_own_but_counts_in_everyone():
    network, coordinator = network_with_coordinator()
    round = closed_round(network)
    respond_many(round, Sector.SCHOOL, 5, default=(4, 4, False))
    respond_many(round, Sector.CHILDCARE, 4, default=(1, 1, True))
    found = build(round)
    assert found.shown_parts[0].groups == []
    row = next(r for r in found.statements if r.code == "gov-fit")
    assert row.by_group == {} and row.all.n == 9
    assert row.all.mean_now == pytest.approx((5 * 4 + 4 * 1) / 9)
    page = logged_in(coordinator).get(url("results", round)).content.decode()
    assert "Kinderopvang" not in page and ">School<" not in page


@pytest.mark.django_db
def test_parent_statements_need_five_parents_of_their_own():
    network, coordinator = network_with_coordinator()
    round = closed_round(network)
    respond_many(round, Sector.SCHOOL, 5, default=(4, 4, False))
    respond_many(round, Sector.PARENT, 4, default=(1, 5, True), remarks={"par-once": "MERKTEKEN"})
    found = build(round)
    assert {row.audience for row in found.statements} == {"professional"}
    assert [p.audience for p in found.hidden_parts] == ["parent"]
    client = logged_in(coordinator)
    page = client.get(url("results", round)).content.decode()
    assert "Te weinig ouders hebben geantwoord" in page
    assert "MERKTEKEN" not in page and "par-once" not in page
    assert "I only have to tell my story once" not in page  # the parents' statement
    assert "Ik hoef mijn verhaal maar één keer te vertellen" not in page
    api = client.get(f"/api/v1/networks/{network.pk}/scan/rounds/{round.pk}/results/").json()
    assert api["audiences"][1] == {"audience": "parent", "shown": False, "respondents": None,
                                   "groups": []}  # fmt: skip

    respond(round, Sector.PARENT, default=(1, 5, True))
    found = build(round)
    parents = [row for row in found.statements if row.audience == "parent"]
    assert len(parents) == 8 and all(row.all.n == 5 for row in parents)


@pytest.mark.django_db
def test_a_figure_shows_only_where_five_answers_stand_behind_it():
    # Five people answered, but four chose "weet ik niet" on gov-fit: its one score, and
    # the one importance of someone who left the rest open, would be that person's own.
    network, coordinator = network_with_coordinator()
    round = closed_round(network)
    respond_many(round, Sector.SCHOOL, 4, answers={"gov-fit": (DONT_KNOW, None, None)})
    respond(round, Sector.SCHOOL, answers={"gov-fit": (1, 5, True)})
    found = build(round)
    assert found.state == State.SHOWN
    row = next(r for r in found.statements if r.code == "gov-fit")
    assert row.all.n == 5
    assert (row.all.mean_now, row.all.mean_importance, row.all.act_share) == (None, None, None)
    assert row.all.now_text == "–"
    other = next(r for r in found.statements if r.code == "gov-means")
    assert other.all.mean_now == pytest.approx(3.0)
    page = logged_in(coordinator).get(url("results_csv", round)).content.decode("utf-8-sig")
    rows = csv.reader(io.StringIO(page), delimiter=";")
    fit = [line for line in rows if line and line[0] == "gov-fit"]
    # average now, average importance and the share that wants to act stay empty
    assert fit and all((line[5], line[7], line[8]) == ("–", "–", "–") for line in fit)
