"""Hypothesis fills every form of a case with arbitrary input: never a server error."""

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .cases.test_access_policy import case_url_names, url_for

FIELDS = [
    "title", "name", "date_of_birth", "role", "letter", "colour", "organisation", "function",
    "kind", "start_text", "end_text", "groups", "first_school_year", "note", "child", "author",
    "date_text", "text", "text_less_well", "provider", "with_whom", "aspect", "rating",
    "domain", "restricted_to", "restriction_reason", "version", "given_by", "participant",
    "timeline", "purpose", "valid_from", "valid_until", "email", "question", "raised_by",
    "status", "card", "set_question_helped",
]  # fmt: skip
values = st.one_of(
    st.text(max_size=60),
    st.integers(min_value=-(2**40), max_value=2**40).map(str),
    st.sampled_from(["", "0", "1", "2020-02-30", "9999-12-31", "#zzzzzz", "groep 12", "on"]),
)
forms = st.dictionaries(st.sampled_from(FIELDS), values, max_size=12)


@pytest.mark.django_db
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=forms)
def test_every_case_form_survives_any_input(story, manager, data):
    client = Client(raise_request_exception=False)
    client.force_login(manager)
    # Addresses first: a delete among the posts must not break the address of what follows.
    urls = [(name, url_for(name, story)) for name in case_url_names()]
    # Every example starts from the same case; one that withdraws consent or deletes a period
    # would otherwise leave the following examples only "not found" pages to try.
    with transaction.atomic():
        for name, url in urls:
            response = client.post(url, data)
            assert response.status_code < 500, (name, data)
        transaction.set_rollback(True)
