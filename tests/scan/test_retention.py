"""Raw answers go SCAN_ANSWER_DAYS days after a round closes; the sums stay, and the results
read the same from them."""

import io
import re

import pytest
from django.core.management import call_command
from django.utils import translation

from rondom.core.periodic import purge_jobs
from rondom.scan.models import (
    Answer,
    Invitation,
    Response,
    Round,
    Sector,
    SectorResult,
    StatementResult,
)
from rondom.scan.retention import purge_answers

from .results_data import (
    DONT_KNOW,
    closed_round,
    logged_in,
    network_with_coordinator,
    open_round,
    respond,
    respond_many,
    today,
    url,
)


def figures(html: str) -> list[str]:
    return re.findall(r"<span data-figure>([^<]*)</span>", html)


@pytest.fixture
def rounds(db, settings):
    settings.SCAN_ANSWER_DAYS = 90
    network, coordinator = network_with_coordinator()
    old = closed_round(network, days_ago=91)
    respond_many(old, Sector.SCHOOL, 6, default=(2, 5, True), remarks={"gov-fit": "Eerder"})
    respond_many(old, Sector.YOUTH_CARE, 5, default=(4, 3, False))
    respond(old, Sector.YOUTH_CARE, default=(DONT_KNOW, 4, True))
    respond_many(old, Sector.PARENT, 5, default=(3, 4, True))
    respond(old, Sector.MUNICIPALITY, default=(1, 1, False))
    respond(old, Sector.SCHOOL, submitted=False)
    recent = closed_round(network, days_ago=90, previous=old)
    respond_many(recent, Sector.SCHOOL, 5)
    running = open_round(network)
    respond_many(running, Sector.SCHOOL, 2)
    return {"old": old, "recent": recent, "open": running, "coordinator": coordinator}


def test_the_scan_takes_part_in_the_daily_purge():
    assert purge_jobs()["scan"] is purge_answers


def test_sums_are_kept_and_the_answers_of_rounds_past_the_term_deleted(rounds):
    old = rounds["old"]
    with translation.override("nl"):
        line = purge_answers(today())
    assert line == "Antwoorden van 1 scanronde gewist; de resultaten blijven."
    old.refresh_from_db()
    assert old.answers_deleted_at is not None
    assert not Response.objects.filter(round=old).exists()
    assert not Answer.objects.filter(response__round=old).exists()
    # Only the submitted ones are counted; the unsubmitted response went as well.
    assert dict(SectorResult.objects.filter(round=old).values_list("sector", "respondents")) == {
        "school": 6, "youth_care": 6, "parent": 5, "municipality": 1,
    }  # fmt: skip
    share = StatementResult.objects.get(round=old, statement__code="gov-fit", sector="youth_care")
    assert (share.now_count, share.now_sum, share.now_square_sum, share.dont_know_count) == (
        5, 20, 80, 1,
    )  # fmt: skip
    assert (share.importance_count, share.importance_sum, share.act_count, share.act_yes) == (
        6, 19, 6, 1,
    )  # fmt: skip
    # The invitations stay: they say who was asked, never what they answered.
    assert Invitation.objects.filter(round=old).count() == 19
    # The round closed 90 days ago and the open one keep their answers.
    for key in ("recent", "open"):
        assert Response.objects.filter(round=rounds[key]).exists()
        assert Round.objects.get(pk=rounds[key].pk).answers_deleted_at is None
    with translation.override("nl"):
        again = purge_answers(today())
    assert again == "Antwoorden van 0 scanrondes gewist; de resultaten blijven."


def test_the_results_read_the_same_before_and_after(rounds):
    old, recent = rounds["old"], rounds["recent"]
    client = logged_in(rounds["coordinator"])
    api = f"/api/v1/networks/{old.network_id}/scan/rounds/{{}}/results/"
    before = {
        "page": figures(client.get(url("results", old)).content.decode()),
        "csv": client.get(url("results_csv", old)).content,
        "api": client.get(api.format(old.pk)).json(),
        "next": figures(client.get(url("results", recent)).content.decode()),
    }
    assert len(before["page"]) > 150 and before["api"]["state"] == "shown"
    assert "Eerder" in client.get(url("results", old)).content.decode()
    purge_answers(today())
    assert figures(client.get(url("results", old)).content.decode()) == before["page"]
    assert client.get(url("results_csv", old)).content == before["csv"]
    assert client.get(api.format(old.pk)).json() == before["api"]
    # The next round still compares with it.
    assert figures(client.get(url("results", recent)).content.decode()) == before["next"]
    # The remarks went with the answers.
    assert "Eerder" not in client.get(url("results", old)).content.decode()
    assert "zijn gewist" in client.get(url("remarks", old)).content.decode()


def test_the_purge_command_says_what_it_did(rounds, settings):
    settings.RETENTION_MONTHS = 12
    out = io.StringIO()
    call_command("purge", stdout=out)
    assert "Antwoorden van 1 scanronde gewist; de resultaten blijven." in out.getvalue()
    assert not Response.objects.filter(round=rounds["old"]).exists()
