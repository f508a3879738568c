"""The review meeting: planning it, its agenda (the indicators that moved and the open
agreements), its notes, and closing it with a report."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rondom.audit.models import AuditEvent
from rondom.monitor.models import ReviewMeeting
from rondom.monitor.reviews import agenda_for, counting_indicators
from rondom.networks.models import NetworkAgreement
from tests.networks.agreement_world import agreement, client_for, today

from .story_world import FROZEN_AT, HIDDEN, agree, build_monitor, figures, indicator, period


@pytest.fixture
def monitor(db):
    return build_monitor()


def review_url(monitor, name: str = "review") -> str:
    return reverse(f"monitor:{name}", args=[monitor.world.network.pk, monitor.review.pk])


def section(html: str, heading_id: str) -> str:
    """The part of the page under one heading, up to the next section."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def moved_rows(html: str) -> list[str]:
    part = section(html, "mst-moved")
    rows = re.findall(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", part, re.S)[1:]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


@pytest.mark.django_db
def test_only_indicators_two_organisations_agreed_to_count(monitor):
    names = {item.name for item in counting_indicators(monitor.world.network)}
    assert "Alleen door de school gekozen" not in names
    assert len(names) == 5


@pytest.mark.django_db
def test_the_agenda_lists_the_indicators_that_moved_and_leaves_out_the_others(monitor):
    html = client_for(monitor.world.coordinator).get(review_url(monitor)).content.decode()
    assert moved_rows(html) == [
        "Thuiszitters 7 6 −1 beter (lager is beter)",
        "Tevreden ouders 70 76 +6 beter (hoger is beter)",
        "Overleg op tijd 60 55 −5 slechter (hoger is beter)",
    ]
    part = section(html, "mst-moved")
    # Unchanged, hidden in this half-year, and not counting: none is on the agenda.
    for name in ("Casussen met een plan", "Weken tot eerste hulp", "Alleen door de school"):
        assert name not in part
    assert HIDDEN not in html


@pytest.mark.django_db
def test_a_hidden_figure_never_shows_a_change_even_when_the_one_before_is_hidden(monitor):
    network = monitor.world.network
    later = period(network, 2026, 2, frozen=False)
    figures(monitor.indicators["wait"], [later], [9], [50])  # hidden before, shown now
    review = ReviewMeeting.objects.create(network=network, period=later, held_on=date(2027, 1, 9))
    agenda = agenda_for(review)
    assert "Weken tot eerste hulp" not in [item.indicator.name for item in agenda.moved]
    wait = next(i for i in agenda.indicators if i.indicator.name == "Weken tot eerste hulp")
    assert (wait.previous.figure.text, wait.point.figure.text, wait.point.change) == (
        "<10", "9", None,
    )  # fmt: skip


@pytest.mark.django_db
def test_the_agenda_lists_the_open_agreements_with_who_and_when_overdue_marked(monitor):
    world = monitor.world
    agreement(world.network, "Wachtlijst bespreken met de gemeente", owner_user=world.ib,
              due_on=today() - timedelta(days=3))  # fmt: skip
    agreement(world.network, "Vast aanspreekpunt per school", owner_organisation=world.team,
              due_on=today() + timedelta(days=20))  # fmt: skip
    agreement(world.network, "Al gedaan", owner_user=world.ib, status="done")
    html = client_for(world.coordinator).get(review_url(monitor)).content.decode()
    part = section(html, "mst-open")
    rows = [
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for row in re.findall(r"<tr class=\"utrecht-table__row[^\"]*\">(.*?)</tr>", part, re.S)[1:]
    ]
    late = (today() - timedelta(days=3)).strftime("%-d-%-m-%Y")
    soon = (today() + timedelta(days=20)).strftime("%-d-%-m-%Y")
    assert rows == [
        f"Wachtlijst bespreken met de gemeente Inge Bakker {late} ⚠ te laat",
        f"Vast aanspreekpunt per school Jeugdteam Noord {soon}",
    ]
    assert "mt-agreement--overdue" in part
    assert "Al gedaan" not in part
    assert "Geheime afspraak van Elders" not in html  # another network's agreements


@pytest.mark.django_db
def test_a_coordinator_plans_a_meeting_and_a_second_one_for_the_half_year_is_refused(monitor):
    client = client_for(monitor.world.coordinator)
    url = reverse("monitor:reviews", args=[monitor.world.network.pk])
    page = client.get(url).content.decode()
    assert "2026 eerste helft" in page and "Een leerbijeenkomst plannen" in page
    made = client.post(url, {"period": "2025-2", "held_on": "2026-01-20"})
    assert made.status_code == 302
    review = ReviewMeeting.objects.get(network=monitor.world.network, period__year=2025,
                                       period__half=2)  # fmt: skip
    assert made["Location"] == reverse("monitor:review", args=[monitor.world.network.pk, review.pk])
    again = client.post(url, {"period": "2025-2", "held_on": "2026-02-20"})
    assert again.status_code == 422
    assert "Voor dit halfjaar is al een leerbijeenkomst gepland, op 20-1-2026." in (
        again.content.decode()
    )
    for bad, message in (
        ({"period": "2031-7", "held_on": "2026-01-20"}, "Kies een van de halfjaren uit de lijst."),
        ({"period": "2025-1", "held_on": "20 januari"}, "Geef een datum, bijvoorbeeld"),
        ({"period": "2025-1", "held_on": "9999-01-01"}, "Geef een datum tussen"),
        ({}, "Kies het halfjaar waar de leerbijeenkomst over gaat."),
    ):
        refused = client.post(url, bad)
        assert refused.status_code == 422 and message in refused.content.decode(), bad
    assert ReviewMeeting.objects.filter(network=monitor.world.network).count() == 2


@pytest.mark.django_db
def test_a_meeting_for_a_half_year_without_figures_makes_its_period(monitor):
    client = client_for(monitor.world.coordinator)
    url = reverse("monitor:reviews", args=[monitor.world.network.pk])
    key = client.get(url).content.decode()
    choices = re.findall(r'<option value="(\d{4}-[12])"', key)
    assert choices == sorted(choices, reverse=True) and "2025-1" in choices
    newest = choices[0]
    assert client.post(url, {"period": newest, "held_on": "2026-12-01"}).status_code == 302
    year, half = map(int, newest.split("-"))
    assert monitor.world.network.periods.filter(year=year, half=half).exists()


@pytest.mark.django_db
def test_notes_are_versioned_and_closing_makes_the_report(monitor):
    url = review_url(monitor)
    carla = client_for(monitor.world.coordinator)
    monitor.world.coach.is_superuser = True
    monitor.world.coach.save()
    admin = client_for(monitor.world.coach)
    assert carla.get(url).status_code == 200 and admin.get(url).status_code == 200
    assert admin.post(url, {"notes": "Eerste aantekeningen", "version": "1"}).status_code == 302
    clash = carla.post(url, {"notes": "Carla's aantekeningen", "version": "1"})
    assert clash.status_code == 409
    assert "Eerste aantekeningen" in clash.content.decode()
    monitor.review.refresh_from_db()
    assert (monitor.review.notes, monitor.review.closed_at) == ("Eerste aantekeningen", None)
    # No report before the meeting is closed.
    assert carla.get(review_url(monitor, "review_report")).status_code == 404

    closed = carla.post(url, {"notes": "Samen besloten", "version": "2", "close": "1"})
    assert closed.status_code == 302
    monitor.review.refresh_from_db()
    assert monitor.review.notes == "Samen besloten" and monitor.review.closed_at is not None
    html = carla.get(url).content.decode()
    assert review_url(monitor, "review_report") in html
    assert "<textarea" not in html  # the notes stay as they were
    late = carla.post(url, {"notes": "Later nog iets", "version": "3"})
    assert late.status_code == 302
    monitor.review.refresh_from_db()
    assert monitor.review.notes == "Samen besloten"
    # Reports of earlier meetings stay on the list.
    listing = carla.get(reverse("monitor:reviews", args=[monitor.world.network.pk]))
    assert review_url(monitor, "review_report") in listing.content.decode()
    report = carla.get(review_url(monitor, "review_report"))
    assert report.status_code == 200 and report["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_every_page_and_report_writes_a_line_in_the_access_log(monitor):
    client = client_for(monitor.world.coordinator)
    client.get(reverse("monitor:reviews", args=[monitor.world.network.pk]))
    client.get(review_url(monitor))
    client.post(review_url(monitor), {"notes": "Geheime notitie", "version": "1", "close": "1"})
    client.get(review_url(monitor, "review_report"))
    lines = AuditEvent.objects.filter(action__startswith="monitor:").order_by("pk")
    assert [(line.action, line.channel) for line in lines] == [
        ("monitor:reviews", "page"), ("monitor:review", "page"),
        ("monitor:review_close", "page"), ("monitor:review_pdf", "print"),
    ]  # fmt: skip
    assert {line.reason for line in lines} == {f"network {monitor.world.network.pk}"}
    assert not AuditEvent.objects.filter(action__contains="Geheime").exists()


def grow(monitor, extra_indicators: int, years: range) -> None:
    """More counting indicators and more half-years with figures, stories and agreements."""
    world = monitor.world
    for n in range(extra_indicators):
        made = indicator(monitor.joint, f"Extra {n}", "higher", "10")
        agree(made, world.school, world.team)
        figures(made, monitor.periods, [n, n + 1, n + 3])
    for year in years:
        for half in (1, 2):
            made = period(world.network, year, half)
            for chosen in monitor.joint.indicators.all():
                figures(chosen, [made], [year % 5])
    for chosen in monitor.joint.indicators.all():
        for perspective in ("child_parent", "network"):
            story, _new = chosen.stories.get_or_create(
                period=monitor.periods[2], perspective=perspective, defaults={"will_do": "Doen"}
            )
            made = agreement(world.network, f"Afspraak {story.pk}", owner_user=world.ib)
            story.agreements.create(agreement=made)
        agreement(world.network, f"Open {chosen.pk}", owner_organisation=world.team)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["review", "review_report"])
def test_the_meeting_does_not_grow_with_indicators_and_periods(monitor, name):
    monitor.review.closed_at = FROZEN_AT  # so that its report exists
    monitor.review.save()
    client = client_for(monitor.world.coordinator)
    url = review_url(monitor, name)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    grow(monitor, 0, range(0))  # a story, an agreement and an open one: every query runs
    client.get(url)
    few = queries()
    grow(monitor, 6, range(2015, 2020))
    assert NetworkAgreement.objects.filter(network=monitor.world.network).count() > 30
    assert queries() == few


@pytest.mark.django_db
def test_odd_input_to_every_form_gets_a_message_never_an_error(monitor):
    from rondom.monitor.models import Story

    network = monitor.world.network.pk
    happy, period_ = monitor.indicators["happy"], monitor.periods[2]
    Story.objects.create(indicator=happy, period=period_, perspective="network", will_do="Doen")
    story = [network, happy.pk, period_.pk, "network"]
    addresses = [
        reverse("monitor:reviews", args=[network]),
        review_url(monitor),
        reverse("monitor:story_edit", args=story),
        reverse("monitor:story_agreement", args=story),
    ]
    odd = [
        {"version": "abc", "notes": "x" * 10001, "explains": "\x00", "close": "1"},
        {"version": "9" * 30, "period": "2026-x", "held_on": "31-02-2026"},
        {"version": "-1", "who": "organisation-abc", "due_on": "0000-00-00", "what": "x" * 301},
        {"period": ["2026-1", "2025-2"], "held_on": "2026-13-01", "works": "\x7f"},
    ]
    client = client_for(monitor.world.coordinator)
    for address in addresses:
        for data in odd:
            response = client.post(address, data)
            assert response.status_code in (302, 409, 422), (address, data, response.status_code)
    monitor.review.refresh_from_db()
    assert monitor.review.notes == "" and monitor.review.closed_at is None
