import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from rondom.api import pagination


@pytest.fixture
def api(manager, story):
    client = APIClient()
    client.force_authenticate(manager)
    return client


def cards_page(api, query: str) -> tuple[dict, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"/api/v1/cards/?{query}")
    assert response.status_code == 200
    return response.json(), [q["sql"] for q in queries.captured_queries]


def counts(sql: list[str]) -> int:
    return sum("COUNT(" in statement for statement in sql)


@pytest.mark.django_db
def test_a_page_that_holds_everything_is_counted_without_a_count_query(api):
    body, sql = cards_page(api, "limit=10")
    assert body["count"] == 4
    assert len(body["results"]) == 4
    assert body["next"] is None
    assert counts(sql) == 0


@pytest.mark.django_db
def test_a_full_page_counts_exactly_up_to_the_limit(api):
    body, sql = cards_page(api, "limit=3")
    assert body["count"] == 4
    assert "offset=3" in body["next"]
    assert counts(sql) == 1
    last, sql = cards_page(api, "limit=3&offset=3")
    assert last["count"] == 4 and len(last["results"]) == 1 and last["next"] is None
    assert counts(sql) == 0


@pytest.mark.django_db
def test_beyond_the_counting_limit_count_is_null_and_next_still_leads_on(api, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_UP_TO", 2)
    first, _ = cards_page(api, "limit=2")
    assert first["count"] is None
    assert "offset=2" in first["next"] and "limit=2" in first["next"]
    second, _ = cards_page(api, "limit=2&offset=2")
    # The last page knows how many there were, without counting.
    assert second["count"] == 4 and second["next"] is None
    seen = {card["id"] for card in first["results"] + second["results"]}
    assert len(seen) == 4


@pytest.mark.django_db
def test_an_offset_past_the_end_gives_the_count_and_no_next(api):
    body, _ = cards_page(api, "limit=2&offset=50")
    assert body == {"count": 4, "next": None, "previous": body["previous"], "results": []}


@pytest.mark.django_db
def test_the_schema_says_count_may_be_null(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    paginated = schema["components"]["schemas"]["PaginatedCardList"]
    assert paginated["properties"]["count"]["nullable"] is True
