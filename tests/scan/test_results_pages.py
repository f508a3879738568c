"""The results page, its CSV and PDF, and the remarks: what they show, that they agree, who
sees them, what goes into the access log, and that the page's cost does not grow with the
number of people who answered."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rondom.audit.models import AuditEvent
from rondom.scan.models import Answer, Sector
from rondom.scan.results import build
from tests.conftest import make_user
from tests.documents.pdf_reading import A4_PORTRAIT, all_text, assert_size, read_pdf

from .results_data import (
    DONT_KNOW,
    closed_round,
    logged_in,
    network_with_coordinator,
    respond,
    respond_many,
    url,
)


def figures(html: str) -> list[str]:
    return re.findall(r"<span data-figure>([^<]*)</span>", html)


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode()), delimiter=";"))


@pytest.fixture
def scanned(db):
    """A closed round: school and youth care see information sharing differently."""
    network, coordinator = network_with_coordinator()
    round = closed_round(network)
    respond_many(round, Sector.SCHOOL, 6, default=(3, 4, False),
                 answers={"info-share": (1, 5, True), "rel-meet": (5, 4, False)},
                 remarks={"info-share": "We horen het te laat."})  # fmt: skip
    respond_many(round, Sector.YOUTH_CARE, 5, default=(3, 4, False),
                 answers={"info-share": (4, 5, True), "rel-meet": (5, 4, False),
                          "gov-fit": (DONT_KNOW, 3, False)})  # fmt: skip
    respond_many(round, Sector.PARENT, 5, default=(4, 4, True))
    return {"network": network, "coordinator": coordinator, "round": round}


def test_the_page_shows_the_round_its_version_and_its_results(scanned):
    round = scanned["round"]
    page = logged_in(scanned["coordinator"]).get(url("results", round))
    assert page.status_code == 200
    html = page.content.decode()
    assert round.label in html and "versie 2026.1" in html
    assert "Resultaten vanaf" in html and "5 mensen" in html
    for heading in ("Sterke punten", "Zwakke punten", "Prioriteiten: de top 10",
                    "Hier kijken sectoren verschillend", "Per niveau"):  # fmt: skip
        assert heading in html, heading
    found = build(round)
    assert [row.code for row in found.disagreements] == ["info-share"]
    assert found.disagreements[0].spread == pytest.approx(3.0)
    # Beside every statement, the way to an agreement.
    agreement = reverse("scan:agreement_new", args=[round.network_id, round.pk, 1])[:-12]
    assert html.count(agreement) == len(found.statements) == 28 + 8
    # Remarks per level, without a name.
    assert "We horen het te laat." in html


def test_each_chart_is_an_image_with_its_table_to_open(scanned):
    html = logged_in(scanned["coordinator"]).get(url("results", scanned["round"])).content
    html = html.decode()
    charts = re.findall(r"<svg [^>]*>", html)
    # The grid, the levels of professionals, one radar per level, the heat map. The parents'
    # two levels make no radar; each level of theirs has four statements, which do.
    assert len(charts) == 1 + 1 + 7 + 1
    for chart in charts:
        assert 'role="img"' in chart and "aria-labelledby" in chart
    assert html.count("<title id=") == len(charts) and html.count("<desc id=") == len(charts)
    assert html.count('<details class="sr-details"><summary>De tabel bij deze grafiek') == 10
    heat = html[html.index('id="sr-heat"') :]
    # The heat map's table prints every mean; the row where sectors differ is marked.
    table = heat[heat.index("<table") : heat.index("</table>")]
    assert re.findall(r'scope="col">([^<]+) <span class="sr-n">', table) == [
        "School", "Jeugdhulp", "Alle",
    ]  # fmt: skip
    marked = [row for row in table.split("<tr") if "≠" in row]
    assert len(marked) == 1 and "We share the information" not in marked[0]
    assert "We delen op tijd de informatie die nodig is" in marked[0] or "1,0" in marked[0]


def test_csv_and_pdf_hold_the_same_figures_as_the_page(scanned):
    round, client = scanned["round"], logged_in(scanned["coordinator"])
    html = client.get(url("results", round)).content.decode()
    shown = figures(html)
    rows = csv_rows(client.get(url("results_csv", round)).content)
    assert rows[0][:4] == ["stelling", "niveau", "tekst", "groep"]
    # The figures of each statement for everyone: now, don't know, importance, act, n.
    found = build(round)
    for row in found.statements:
        line = next(r for r in rows if r[0] == row.code and r[3] == "alle")
        assert line[4:9] == [str(row.all.n), row.all.now_text, str(row.all.dont_know),
                             row.all.importance_text, row.all.act_text]  # fmt: skip
        statement = html[html.index(f'id="sr-statement-{row.number}"') :]
        statement = statement[: statement.index("</tr>")]
        assert figures(statement) == [
            row.all.now_text,
            row.all.dont_know_text,
            row.all.importance_text,
            row.all.act_text,
            str(row.all.n),
        ]
    # Never a row per person: one per statement and group, and one per level.
    groups = {"school": 2 + 1, "parent": 1 + 1}  # school, youth care, everyone; parents
    assert len(rows) == 1 + 7 + 28 * groups["school"] + 8 * groups["parent"]

    pdf = client.get(url("results_pdf", round))
    assert pdf["Content-Type"] == "application/pdf"
    pages = read_pdf(pdf.content)
    assert_size(pages, A4_PORTRAIT)
    text = all_text(pages)
    position = 0
    for value in shown:
        found_at = text.find(value, position)
        assert found_at >= 0, (value, text[position : position + 300])
        position = found_at + len(value)
    assert "versie 2026.1" in text and "Resultaten vanaf 5 mensen" in text
    assert "Prioriteit = gemiddeld belang" in text
    assert "We horen het te laat." not in text  # remarks stay on the page
    assert "Maak hier een afspraak van" not in text


def test_every_view_goes_into_the_access_log_with_the_network(scanned):
    round, client = scanned["round"], logged_in(scanned["coordinator"])
    api = f"/api/v1/networks/{round.network_id}/scan/rounds/{round.pk}/results/"
    for address in (url("results", round), url("results_csv", round), url("results_pdf", round),
                    api, url("remarks", round)):  # fmt: skip
        assert client.get(address).status_code == 200
    lines = list(AuditEvent.objects.order_by("pk").values_list("action", "channel", "reason"))
    reason = f"network {round.network_id}"
    assert lines == [
        ("scan:results", "page", reason), ("scan:csv", "export", reason),
        ("scan:pdf", "print", reason), ("scan:api", "api", reason),
        ("scan:remarks", "page", reason),
    ]  # fmt: skip


def test_a_remark_is_hidden_after_a_question_and_never_shows_again(scanned):
    round, coordinator = scanned["round"], scanned["coordinator"]
    respond(round, Sector.SCHOOL, remarks={"rel-meet": "Jan de Vries zegt nooit iets."})
    client = logged_in(coordinator)
    remarks = client.get(url("remarks", round)).content.decode()
    assert "Jan de Vries" in remarks and remarks.count("We horen het te laat.") == 6
    answer = Answer.objects.get(remark__startswith="Jan de Vries")
    hide = url("remark_hide", round, answer.pk)
    assert hide in remarks
    question = client.get(hide)
    assert question.status_code == 200 and "Deze opmerking verbergen?" in question.content.decode()
    answer.refresh_from_db()
    assert not answer.remark_hidden  # asking changes nothing
    done = client.post(hide)
    assert done.status_code == 302 and done.url == url("remarks", round)
    answer.refresh_from_db()
    assert answer.remark_hidden
    for address in (url("remarks", round), url("results", round)):
        assert "Jan de Vries" not in client.get(address).content.decode()
    # Once hidden there is nothing left to hide, for this coordinator or another.
    assert client.post(hide).status_code == 404
    assert AuditEvent.objects.filter(action="scan:remark_hide").count() == 1
    assert not AuditEvent.objects.filter(reason__contains="Jan").exists()


def test_remarks_name_a_sector_only_where_it_is_shown_apart(scanned):
    round = scanned["round"]
    respond(round, Sector.MUNICIPALITY, remarks={"gov-fit": "Vanuit de gemeente gezien."})
    respond(round, Sector.SCHOOL, remarks={"gov-fit": "Vanuit school gezien."})
    remarks = logged_in(scanned["coordinator"]).get(url("remarks", round)).content.decode()
    assert 'Vanuit school gezien. <span class="sr-sector">(school)</span>' in remarks
    assert "Vanuit de gemeente gezien.</p>" in remarks
    assert "(gemeente)" not in remarks


def test_a_remark_of_another_round_cannot_be_hidden_through_this_one(scanned):
    network, coordinator = scanned["network"], scanned["coordinator"]
    other = closed_round(network, days_ago=40)
    respond_many(other, Sector.SCHOOL, 5, remarks={"gov-fit": "Elders"})
    answer = Answer.objects.get(response__round=other, remark="Elders", response__in=
                                other.responses.all()[:1])  # fmt: skip
    client = logged_in(coordinator)
    assert client.post(url("remark_hide", scanned["round"], answer.pk)).status_code == 404
    answer.refresh_from_db()
    assert not answer.remark_hidden


def test_only_the_networks_coordinators_and_site_admins_see_the_results(scanned):
    round = scanned["round"]
    other, stranger = network_with_coordinator("Wijk Elders", "coordinator@elders.test")
    admin = make_user("admin@rondom.test", is_superuser=True, is_staff=True)
    nobody = make_user("iemand@school.test")
    addresses = [url(name, round) for name in ("results", "results_csv", "results_pdf",
                                                "remarks")]  # fmt: skip
    for user in (stranger, nobody):
        client = logged_in(user)
        assert all(client.get(address).status_code == 404 for address in addresses)
    assert all(logged_in(admin).get(address).status_code == 200 for address in addresses)
    # The other network's coordinator reaching through their own network: still nothing.
    wrong = reverse("scan:results", args=[other.pk, round.pk])
    assert logged_in(stranger).get(wrong).status_code == 404


@pytest.mark.django_db
def test_the_page_costs_the_same_queries_for_few_and_many():
    network, coordinator = network_with_coordinator()
    first = closed_round(network, days_ago=200)
    round = closed_round(network, previous=first)
    client = logged_in(coordinator)
    counts = []
    for people in (5, 20):
        for made in (first, round):
            respond_many(made, Sector.SCHOOL, people, remarks={"gov-fit": "Iets"})
            respond_many(made, Sector.YOUTH_CARE, people)
        client.get(url("results", round))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("results", round)).status_code == 200
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
    # The session, the account, the round, per round the sums, the counts and the
    # statements, the remarks, and the line in the access log.
    assert counts[0] <= 18, [q["sql"][:120] for q in queries.captured_queries]
