"""The scan through the API: a network's rounds and a round's results, in the OpenAPI schema,
for the network's coordinators only, with the page's thresholds."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from rondom.api.models import ApiToken
from rondom.scan.models import Sector
from rondom.scan.results import build
from tests.conftest import make_user

from .results_data import closed_round, network_with_coordinator, open_round, respond_many

ROUNDS = "/api/v1/networks/{network}/scan/rounds/"
RESULTS = "/api/v1/networks/{network}/scan/rounds/{round}/results/"


def with_token(user) -> APIClient:
    _token, key = ApiToken.objects.issue(user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.mark.django_db
def test_the_scan_endpoints_are_in_the_openapi_schema():
    schema = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    rounds = schema["paths"]["/api/v1/networks/{network_id}/scan/rounds/"]["get"]
    results = schema["paths"]["/api/v1/networks/{network_id}/scan/rounds/{round_id}/results/"][
        "get"
    ]
    assert rounds["operationId"] == "network_scan_rounds"
    assert results["operationId"] == "network_scan_round_results"
    names = {parameter["name"] for parameter in results["parameters"]}
    assert {"network_id", "round_id"} <= names
    components = schema["components"]["schemas"]
    assert set(components["Figures"]["properties"]) == {
        "n", "mean_now", "dont_know", "mean_importance", "act_share",
    }  # fmt: skip
    assert {"statements", "levels", "state", "needed", "min_respondents", "priorities"} <= set(
        components["Results"]["properties"]
    )


@pytest.mark.django_db
def test_a_coordinator_lists_the_rounds_and_reads_the_results_with_a_token():
    network, coordinator = network_with_coordinator()
    closed = closed_round(network)
    respond_many(closed, Sector.SCHOOL, 5, default=(2, 5, True))
    respond_many(closed, Sector.SCHOOL, 1, default=(2, 5, True), submitted=False)
    running = open_round(network)
    respond_many(running, Sector.SCHOOL, 2)
    api = with_token(coordinator)
    listed = api.get(ROUNDS.format(network=network.pk)).json()
    assert [(r["id"], r["closed"], r["respondents"], r["version"]) for r in listed] == [
        (running.pk, False, 2, "2026.1"), (closed.pk, True, 5, "2026.1"),
    ]  # fmt: skip
    data = api.get(RESULTS.format(network=network.pk, round=closed.pk)).json()
    assert (data["state"], data["respondents"], data["needed"], data["min_respondents"]) == (
        "shown", 5, 0, 5,
    )  # fmt: skip
    found = build(closed)
    assert [s["code"] for s in data["statements"]] == [row.code for row in found.statements]
    assert data["priorities"] == [row.code for row in found.priorities]
    first = data["statements"][0]
    assert first["all"] == {"n": 5, "mean_now": 2.0, "dont_know": 0, "mean_importance": 5.0,
                            "act_share": 1.0}  # fmt: skip
    assert first["priority"] == 3.75 and first["groups"] == {"school": first["all"]}
    assert "Prioriteit" in data["priority_formula"] or "Priority" in data["priority_formula"]


@pytest.mark.django_db
def test_nobody_else_reaches_a_networks_rounds():
    network, coordinator = network_with_coordinator()
    round = closed_round(network)
    respond_many(round, Sector.SCHOOL, 5)
    _other, stranger = network_with_coordinator("Wijk Elders", "coordinator@elders.test")
    for user in (stranger, make_user("iemand@school.test")):
        api = with_token(user)
        assert api.get(ROUNDS.format(network=network.pk)).status_code == 404
        assert api.get(RESULTS.format(network=network.pk, round=round.pk)).status_code == 404
    anonymous = APIClient()
    assert anonymous.get(RESULTS.format(network=network.pk, round=round.pk)).status_code in (
        401, 403,
    )  # fmt: skip
