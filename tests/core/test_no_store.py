"""Pages and API answers with case data are never kept by a browser or a proxy."""

from types import SimpleNamespace

import pytest
from django.http import HttpResponse
from django.urls import reverse
from rest_framework.test import APIClient

from rondom.core.middleware import NoStoreMiddleware


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["cases:detail", "timeline:child", "caseload:cases"])
def test_pages_for_a_logged_in_person_say_no_store(manager_client, story, name):
    args = {
        "cases:detail": [story["case"].pk],
        "timeline:child": [story["case"].pk, story["child"].pk],
        "caseload:cases": [],
    }[name]
    response = manager_client.get(reverse(name, args=args))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_api_answers_say_no_store_with_a_session_or_a_token(story, manager, manager_client):
    assert manager_client.get("/api/v1/cards/")["Cache-Control"] == "no-store"
    api = APIClient()
    api.force_authenticate(manager)
    response = api.get(f"/api/v1/cases/{story['case'].pk}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert APIClient().get("/api/v1/cards/")["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("set_by_view", "sent"),
    [
        (None, "no-store"),
        ("no-cache", "no-store"),
        ("private, max-age=600", "no-store"),
        ("no-store, private, max-age=0", "no-store, private, max-age=0"),
    ],
)
def test_the_header_replaces_a_weaker_one_and_keeps_a_stricter_one(rf, set_by_view, sent):
    def view(request):
        response = HttpResponse("")
        if set_by_view:
            response["Cache-Control"] = set_by_view
        return response

    request = rf.get("/cases/1/events/")
    request.user = SimpleNamespace(is_authenticated=True)
    assert NoStoreMiddleware(view)(request)["Cache-Control"] == sent


@pytest.mark.django_db
def test_static_files_may_be_cached(manager_client):
    response = manager_client.get("/static/rondom/rondom.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
