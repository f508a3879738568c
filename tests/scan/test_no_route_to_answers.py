"""No route leads to one person's answers: not for any role, through any scan address, the
CSV, the PDF, the API, the Django admin, a database export or the logs.

One person is planted among the respondents: their email is known, they answer every
statement with a pattern nobody else uses (1 on now and on importance, where everyone else
answers 4 or 5), and they wrote a remark the coordinator hid. Elsewhere a round with too few
respondents and too few parents hold remarks of their own. None of this may show anywhere.
"""

import io
import json
import logging
import re

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from rondom.api.models import ApiToken
from rondom.scan.models import Answer, Invitation, Response, Sector, Statement
from tests.cases.test_access_policy import all_routes
from tests.conftest import make_user
from tests.documents.pdf_reading import all_text, read_pdf

from .results_data import closed_round, network_with_coordinator, respond, respond_many

PLANTED_EMAIL = "geplant.persoon@respondent.test"
HIDDEN = "GEHEIM-VERBORGEN-4417"
TOO_FEW = "GEHEIM-TEWEINIG-5521"
PARENTS = "GEHEIM-OUDER-6630"
VISIBLE = "Zichtbare opmerking zonder naam."
MARKERS = (HIDDEN, TOO_FEW, PARENTS)
PATTERN = (1, 1, True)


@pytest.fixture
def planted(db, story):
    network, coordinator = network_with_coordinator()
    shown = closed_round(network)
    respond_many(shown, Sector.SCHOOL, 6, default=(4, 4, False), remarks={"gov-fit": VISIBLE})
    respond_many(shown, Sector.YOUTH_CARE, 5, default=(4, 5, False))
    # The planted person, alone in their sector: pooled, never shown apart.
    person = respond(shown, Sector.MUNICIPALITY, default=PATTERN,
                     remarks={"rel-meet": HIDDEN}, email=PLANTED_EMAIL)  # fmt: skip
    Answer.objects.filter(response=person, remark=HIDDEN).update(remark_hidden=True)
    # Two parents: too few for the parents' statements.
    respond_many(shown, Sector.PARENT, 2, default=PATTERN, remarks={"par-once": PARENTS})
    below = closed_round(network, days_ago=40)
    respond(below, Sector.SCHOOL, default=PATTERN, remarks={"gov-fit": TOO_FEW},
            email="ander.persoon@respondent.test")  # fmt: skip
    respond_many(below, Sector.SCHOOL, 3, default=PATTERN)
    _other, other_coordinator = network_with_coordinator("Wijk Elders", "coordinator@elders.test")
    site_admin = make_user("admin@rondom.test", is_superuser=True, is_staff=True)
    return {
        "network": network,
        "rounds": [shown, below],
        "hidden": Answer.objects.get(remark=HIDDEN),
        "roles": {
            "coordinator": coordinator,
            "coordinator of another network": other_coordinator,
            "case manager": story["school"].user,
            "parent": story["parent"].user,
            "site admin": site_admin,
            "anonymous": None,
        },
    }


def scan_addresses(planted) -> list[str]:
    """Every address of the scan and its API, for both rounds, with real ids."""
    network = planted["network"]
    statement = Statement.objects.get(instrument__isnull=False, code="rel-meet")
    urls = []
    for route in all_routes():
        name = route.name or ""
        if not (name.startswith("scan:") or name.startswith("api-network-scan")):
            continue
        for round in planted["rounds"]:
            values = {
                "network_id": network.pk,
                "round_id": round.pk,
                "answer_id": planted["hidden"].pk,
                "statement_id": statement.pk,
                "step": 1,
                "token": "x" * 43,
            }
            urls.append(reverse(name, kwargs={k: v for k, v in values.items()
                                              if k in route.params}))  # fmt: skip
    return sorted(set(urls))


def readable(response) -> str:
    """What a person would read in the answer: a PDF's text, else the body as text."""
    if response.get("Content-Type", "").startswith("application/pdf"):
        return all_text(read_pdf(response.content))
    return response.content.decode("utf-8", errors="replace")


def assert_nothing_of_the_planted_person(text: str, where: str) -> None:
    for marker in MARKERS:
        assert marker not in text, (marker, where)
    assert PLANTED_EMAIL not in text, where


def test_no_role_reads_an_answer_through_any_scan_address_or_the_api(planted, caplog):
    caplog.set_level(logging.DEBUG)
    addresses = scan_addresses(planted)
    assert len(addresses) >= 20 and any("/results.pdf" in a for a in addresses)
    assert any(a.startswith("/api/v1/") for a in addresses)
    seen_by_coordinator = ""
    for role, user in planted["roles"].items():
        browser, api = Client(), APIClient()
        if user is not None:
            browser.force_login(user)
            _token, key = ApiToken.objects.issue(user)
            api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        for address in addresses:
            client = api if address.startswith("/api/") else browser
            response = client.get(address)
            text = readable(response)
            assert_nothing_of_the_planted_person(text, f"{role} {address}")
            if role == "coordinator" and response.status_code == 200:
                seen_by_coordinator += text
            # Hiding needs the network's coordinator, and a hidden remark stays hidden.
            if "/hide/" in address:
                assert browser.post(address).status_code in (302, 404), (role, address)
    # The coordinator did see the round's figures and its remark that is not hidden.
    assert VISIBLE in seen_by_coordinator and "data-figure" in seen_by_coordinator
    planted["hidden"].refresh_from_db()
    assert planted["hidden"].remark_hidden
    assert not Answer.objects.filter(remark=VISIBLE, remark_hidden=True).exists()
    for marker in (*MARKERS, PLANTED_EMAIL):
        assert marker not in caplog.text


def test_no_figure_is_the_planted_persons_own(planted):
    """Alone in their sector, their pattern would show as a mean of 1.0 the moment their
    sector, or a pool of them alone, got a column: it never does."""
    shown, below = planted["rounds"]
    coordinator = planted["roles"]["coordinator"]
    api = APIClient()
    api.force_authenticate(coordinator)
    network = planted["network"].pk
    data = api.get(f"/api/v1/networks/{network}/scan/rounds/{shown.pk}/results/").json()
    assert data["state"] == "shown"
    figures = [s["all"] for s in data["statements"]]
    figures += [f for s in data["statements"] for f in s["groups"].values()]
    assert figures and all(f["mean_now"] != 1.0 and f["mean_importance"] != 1.0 for f in figures)
    assert {s["audience"] for s in data["statements"]} == {"professional"}
    groups = [group for part in data["audiences"] for group in part["groups"]]
    assert "municipality" not in {group["key"] for group in groups}
    # Nor does "alle" minus the groups shown leave fewer than five people to work out.
    for part in data["audiences"]:
        if part["groups"]:
            rest = part["respondents"] - sum(group["respondents"] for group in part["groups"])
            assert rest == 0 or rest >= 5, part
    below_data = api.get(f"/api/v1/networks/{network}/scan/rounds/{below.pk}/results/").json()
    assert below_data["state"] == "too_few" and below_data["statements"] == []
    client = Client()
    client.force_login(coordinator)
    for round in planted["rounds"]:
        page = client.get(reverse("scan:results", args=[network, round.pk])).content.decode()
        assert "<span data-figure>1,0</span>" not in page
        csv = client.get(reverse("scan:results_csv", args=[network, round.pk])).content.decode()
        assert not any(cell == "1,0" for line in csv.splitlines() for cell in line.split(";"))


def test_the_django_admin_has_no_way_to_answers(planted):
    registered = {model for model in admin.site._registry if model._meta.app_label == "scan"}
    assert Response not in registered and Answer not in registered
    client = Client()
    client.force_login(planted["roles"]["site admin"])
    assert client.get("/admin/").status_code == 200
    for model in registered:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages = [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        pages += [reverse(f"{prefix}_change", args=[pk])
                  for pk in model.objects.values_list("pk", flat=True)[:50]]  # fmt: skip
        for page in pages:
            text = client.get(page).content.decode()
            for marker in MARKERS:
                assert marker not in text, (marker, page)
            if model is not Invitation:  # an invitation names whom it invites, by design
                assert PLANTED_EMAIL not in text, page
    for model in (Response, Answer):
        name = model._meta.model_name
        assert client.get(f"/admin/scan/{name}/").status_code == 404


def test_a_database_export_links_no_invitation_to_a_response(planted):
    out = io.StringIO()
    call_command("dumpdata", "scan", stdout=out)
    rows = json.loads(out.getvalue())
    invitations = [row for row in rows if row["model"] == "scan.invitation"]
    responses = [row for row in rows if row["model"] == "scan.response"]
    answers = [row for row in rows if row["model"] == "scan.answer"]
    assert invitations and responses and answers
    # A response holds its round, a key, its sector and audience, and whether it was sent:
    # no invitation, no person, no time.
    assert {tuple(sorted(r["fields"])) for r in responses} == {
        ("audience", "key", "round", "sector", "submitted"),
    }  # fmt: skip
    assert not [f for f in Response._meta.get_fields() if isinstance(f, models.DateTimeField)]
    assert not [f for f in Answer._meta.get_fields() if isinstance(f, models.DateTimeField)]
    assert not [f for f in Invitation._meta.get_fields()
                if f.is_relation and f.related_model in (Response, Answer)]  # fmt: skip
    # No value of a response equals one of an invitation: not its id, its link's hash or email.
    invitation_values = {str(row["pk"]) for row in invitations}
    invitation_values |= {str(v) for row in invitations for v in row["fields"].values() if v}
    for response in responses:
        assert str(response["pk"]) not in invitation_values
        assert response["fields"]["key"] not in invitation_values
    # The keys are random to anyone without the server's scan key.
    assert all(re.fullmatch(r"[0-9a-f]{64}", r["fields"]["key"]) for r in responses)
