"""The report's page, CSV, PDF and API: who sees them, that they agree, what they never show,
and the access log."""

import csv
import io
import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from rondom.accounts.models import Organisation
from rondom.audit.models import AuditEvent
from rondom.cases.models import FiguresConsent, Role
from rondom.demo.builder import CaseBuilder
from rondom.insights.figures import count_figures
from rondom.insights.periods import Period
from rondom.insights.report import build_report
from rondom.networks.access import cases_in_network
from rondom.networks.models import Network, NetworkMember, NetworkRole
from rondom.timeline.kinds import Domain
from tests.conftest import make_user
from tests.documents.pdf_reading import A4_PORTRAIT, all_text, assert_size, read_pdf

from .conftest import CHILD_NAME, MARKER, answer, created_on, help_card, question

QUERY = {"period": "custom", "start": "2024-01-01", "end": "2024-06-30"}


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def network_url(network, kind: str = "") -> str:
    name = "insights:network" + (f"_{kind}" if kind else "")
    return reverse(name, args=[network.pk])


def page_figures(html: str) -> list[str]:
    found = re.findall(r"<span(?: class=\"ins-pct\")? data-figure>([^<]*)</span>", html)
    return [value.replace("&lt;", "<") for value in found]


def pdf_text(content: bytes) -> str:
    return all_text(read_pdf(content))


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode()), delimiter=";"))


@pytest.mark.django_db
def test_page_csv_and_pdf_hold_the_same_figures(known_cases, network, coordinator):
    client = logged_in(coordinator)
    page = client.get(network_url(network), QUERY)
    assert page.status_code == 200
    shown = page_figures(page.content.decode())

    rows = csv_rows(client.get(network_url(network, "csv"), QUERY).content)
    # A head, k, the first and the last day; then the figures (no filters here).
    figures = [row[3] for row in rows[4:]]
    assert rows[1][3] == "10" and rows[2][3] == "2024-01-01" and rows[3][3] == "2024-06-30"
    assert figures == shown
    # Only the first ten figures: the how-many counts and the first row of children.
    assert len(shown) > 60 and "<10" in shown

    pdf = client.get(network_url(network, "pdf"), QUERY)
    assert pdf["Content-Type"] == "application/pdf"
    assert_size(read_pdf(pdf.content), A4_PORTRAIT)
    text = pdf_text(pdf.content)
    position = 0
    for value in (v for v in shown if v):
        found = text.find(value, position)
        assert found >= 0, (value, text[position : position + 200])
        position = found + len(value)
    assert "Kleinste getal dat getoond wordt" in text or "Smallest number shown" in text


@pytest.mark.django_db
def test_the_report_states_its_k_and_hides_small_numbers(known_cases, network, coordinator):
    page = logged_in(coordinator).get(network_url(network), QUERY).content.decode()
    # Two cases and three children: every count is below 10.
    assert set(page_figures(page)) <= {"<10", ""}
    assert "<dd>10</dd>" in page


@pytest.mark.django_db
def test_with_k_one_the_page_shows_the_exact_counts(known_cases, network, coordinator):
    network.anonymous_only, network.min_cell = True, 1
    network.save()
    client = logged_in(coordinator)
    data = client.get(reverse("api-network-insight", args=[network.pk]), QUERY).json()
    assert data["k"] == 1
    # Only the anonymous case A counts now: two children.
    assert data["counts"]["children"] == {"count": 2, "percent": None, "suppressed": False}
    learning = next(row for row in data["children"] if row["domain"] == "learning")
    # Cells 1, 0, 0, 1 of 2: the zeros are hidden, and since the shown cells would add up
    # to the total (so the hidden ones must be 0), the first of the smallest shown goes too.
    hidden = {"count": None, "percent": None, "suppressed": True}
    assert learning["cells"] == {
        "both": hidden,
        "question_only": hidden,
        "help_only": hidden,
        "neither": {"count": 1, "percent": 50.0, "suppressed": False},
    }
    assert learning["total"]["count"] == 2


@pytest.mark.django_db
def test_consent_withdrawn_takes_a_named_case_out_of_the_next_report(
    known_cases, network, coordinator
):
    network.anonymous_only, network.min_cell = False, 10
    api = APIClient()
    api.force_authenticate(coordinator)
    url = reverse("api-network-insight", args=[network.pk])
    period = Period(date(2024, 1, 1), date(2024, 6, 30))
    assert count_figures(cases_in_network(network), period).children == 3
    consent = FiguresConsent.objects.get(case=known_cases["b"].case)
    consent.withdrawn_at = timezone.now()
    consent.save()
    assert count_figures(cases_in_network(network), period).children == 2
    assert api.get(url, QUERY).status_code == 200


@pytest.mark.django_db
def test_a_coordinator_of_another_network_sees_nothing_of_it(known_cases, network, coordinator):
    other_school = Organisation.objects.create(name="School Elders", kind="school")
    other = Network.objects.create(name="Wijk Elders", anonymous_only=True, min_cell=1)
    NetworkMember.objects.create(network=other, organisation=other_school)
    stranger = make_user("coordinator@elders.test")
    NetworkRole.objects.create(network=other, user=stranger)
    client = logged_in(stranger)
    for kind in ("", "csv", "pdf"):
        assert client.get(network_url(network, kind), QUERY).status_code == 404
    api = APIClient()
    api.force_authenticate(stranger)
    assert api.get(reverse("api-network-insight", args=[network.pk])).status_code == 404
    # Their own network counts none of the first network's cases, even with k = 1.
    data = api.get(reverse("api-network-insight", args=[other.pk]), QUERY).json()
    assert data["counts"]["cases"]["suppressed"] and data["counts"]["cases"]["count"] is None
    assert all(row["total"]["count"] is None for row in data["children"])
    # People outside every network, and a case manager, get a 404 too.
    for user in (known_cases["a"].user, make_user("outsider@x.test")):
        assert logged_in(user).get(network_url(network)).status_code == 404


@pytest.mark.django_db
def test_a_case_manager_sees_the_cases_they_manage(known_cases, manager):
    client = logged_in(manager)
    response = client.get(reverse("insights:own"), QUERY)
    assert response.status_code == 200
    assert "<dd>10</dd>" in response.content.decode()
    parent = make_user("ouder@x.test", kind="parent")
    assert logged_in(parent).get(reverse("insights:own")).status_code == 404
    assert Client().get(reverse("insights:own")).status_code == 302  # to the login


@pytest.mark.django_db
def test_own_report_never_goes_below_ten(known_cases, manager, settings):
    settings.INSIGHT_MIN_CELL = 3
    api = APIClient()
    api.force_authenticate(manager)
    assert api.get(reverse("api-own-insight"), QUERY).json()["k"] == 10
    settings.INSIGHT_MIN_CELL = 25
    assert api.get(reverse("api-own-insight"), QUERY).json()["k"] == 25


@pytest.mark.django_db
def test_every_view_and_download_writes_a_line_without_a_case(known_cases, network, coordinator):
    client = logged_in(coordinator)
    api = APIClient()
    api.force_authenticate(coordinator)
    client.get(network_url(network), QUERY)
    client.get(network_url(network, "csv"), QUERY)
    client.get(network_url(network, "pdf"), QUERY)
    api.get(reverse("api-network-insight", args=[network.pk]), QUERY)
    logged_in(known_cases["a"].user).get(reverse("insights:own"))
    lines = list(
        AuditEvent.objects.filter(action__startswith="insight:").values_list(
            "action", "channel", "reason", "case_id", "actor_id"
        )
    )
    reason = f"network {network.pk}"
    assert lines == [
        ("insight:view", "page", reason, None, coordinator.pk),
        ("insight:csv", "export", reason, None, coordinator.pk),
        ("insight:pdf", "print", reason, None, coordinator.pk),
        ("insight:api", "api", reason, None, coordinator.pk),
        ("insight:view", "page", "own cases", None, known_cases["a"].user.pk),
    ]
    # A refused look writes nothing.
    client.get(network_url(network), {"period": "custom", "start": "2024-06-01"})
    assert AuditEvent.objects.filter(action__startswith="insight:").count() == 5


@pytest.mark.django_db
def test_filters_that_do_not_hold_are_refused(network, coordinator):
    client = logged_in(coordinator)
    bad = [
        {"period": "custom", "start": "2024-06-01"},
        {"period": "custom", "start": "2024-06-01", "end": "2024-01-01"},
        {"period": "1999-3"},
        {"age": "99"},
        {"organisation": "999999"},
        {"period": "custom", "start": "1800-01-01", "end": "2024-01-01"},
    ]
    api = APIClient()
    api.force_authenticate(coordinator)
    for query in bad:
        assert client.get(network_url(network), query).status_code == 400, query
        assert client.get(network_url(network, "csv"), query).status_code == 400, query
        url = reverse("api-network-insight", args=[network.pk])
        assert api.get(url, query).status_code == 400, query


@pytest.mark.django_db
def test_a_member_organisation_filter_counts_that_members_cases(
    known_cases, network, coordinator, manager
):
    network.anonymous_only, network.min_cell = True, 1
    network.save()
    other_school = Organisation.objects.create(name="School Twee", kind="school")
    NetworkMember.objects.create(network=network, organisation=other_school)
    other_manager = make_user("ib@twee.test")
    other_manager.memberships.create(organisation=other_school, function="ib")
    b = CaseBuilder("Casus Twee", other_manager, "Ib")
    b.child("T1", date(2018, 1, 1))
    created_on(b.case, "2023-01-01")
    api = APIClient()
    api.force_authenticate(coordinator)
    url = reverse("api-network-insight", args=[network.pk])
    assert api.get(url, QUERY).json()["counts"]["cases"]["count"] == 2
    first = Organisation.objects.get(memberships__user=manager)
    only_first = api.get(url, {**QUERY, "organisation": first.pk}).json()
    assert only_first["counts"]["cases"]["count"] == 1
    assert only_first["filters"] == {"organisation": str(first.pk)}
    only_second = api.get(url, {**QUERY, "organisation": other_school.pk}).json()
    assert only_second["counts"]["cases"]["count"] == 1


@pytest.mark.django_db
def test_no_name_and_no_text_of_a_case_leaves_it(known_cases, network, coordinator, manager):
    """A child's name, a question's text, a card's text and a remark with a satisfaction never
    appear in the page, the CSV, the PDF or the API, for a network or for one's own cases."""
    c = known_cases["c"]
    FiguresConsent.objects.create(case=c.case, given_by=c.case.participants.get(role=Role.FATHER))
    child = c.case.children.get()
    question(c.case, Domain.PHYSICAL, "2024", child, text=MARKER)
    help_card(c, Domain.PHYSICAL, "2024", child, provider=MARKER)
    answer(c.case, c.case.participants.get(role=Role.FATHER), "partly", "2024-03-01",
           remark=MARKER)  # fmt: skip
    title = c.case.title
    checks = []
    for user, urls in (
        (coordinator, [network_url(network, kind) for kind in ("", "csv", "pdf")]
         + [reverse("api-network-insight", args=[network.pk])]),
        (manager, [reverse(name) for name in ("insights:own", "insights:own_csv",
                                              "insights:own_pdf", "api-own-insight")]),
    ):  # fmt: skip
        client = logged_in(user)
        for url in urls:
            response = client.get(url, QUERY)
            assert response.status_code == 200, url
            body = response.content
            text = (
                pdf_text(body) if response["Content-Type"] == "application/pdf" else body.decode()
            )
            checks.append(url)
            for secret in (CHILD_NAME, MARKER, title, "Samira", "Moeder", "Vader"):
                assert secret not in text, (url, secret)
            assert not re.search(r"/cases/\d", text), url  # never a link to a case
    assert len(checks) == 8
    # The case does count: its consent for figures runs.
    period = Period(date(2024, 1, 1), date(2024, 6, 30))
    report = build_report(count_figures(cases_in_network(network), period), 10, "x")
    assert report.counts[0][1].text == "<10"
