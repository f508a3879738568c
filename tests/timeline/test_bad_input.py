"""Whatever people type into a card, the answer is a page or a message, never a server error."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rondom.timeline.models import Card

typed = st.text(max_size=80) | st.sampled_from(["31-02-2020", "groep 12", "2019/2021", "0-0-0"])


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(date_text=typed, text=st.text(max_size=300), rating=st.sampled_from(["good", "x", ""]))
def test_card_form_never_fails_on_bad_input(story, manager, date_text, text, rating):
    client = Client(raise_request_exception=False)
    client.force_login(manager)
    before = Card.objects.count()
    response = client.post(
        reverse("timeline:card_create", args=[story["case"].pk]) + "?kind=help",
        {
            "kind": "help",
            "author": story["school"].pk,
            "date_text": date_text,
            "text": text,
            "rating": rating,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code in (200, 422)
    assert Card.objects.count() - before == (1 if response.status_code == 200 else 0)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    payload=st.dictionaries(
        st.sampled_from(["case", "child", "kind", "author", "date_text", "text", "rating"]),
        st.one_of(st.none(), st.integers(), st.text(max_size=30), st.booleans()),
    )
)
def test_card_api_never_fails_on_bad_input(story, manager, payload):
    from rest_framework.test import APIClient

    client = APIClient(raise_request_exception=False)
    client.force_authenticate(manager)
    response = client.post("/api/v1/cards/", payload, format="json")
    assert response.status_code in (201, 400)
