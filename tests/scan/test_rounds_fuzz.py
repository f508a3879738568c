"""Hypothesis fills the scan's forms, a coordinator's and a respondent's, with arbitrary
input: a message or a refusal, never a server error."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .rounds_setup import *  # noqa: F403 (the fixtures)
from .rounds_setup import client_for, invite_one, own_statement

values = st.one_of(
    st.text(max_size=80),
    st.integers(min_value=-(2**40), max_value=2**40).map(str),
    st.sampled_from(
        ["", "0", "1", "5", "6", "dont_know", "yes", "no", "2020-02-30", "9999-12-31",
         "31-12-2026", "professional/governance", "parent/relations", "school", "send",
         "a@b.test, ouder\nx@y.test", "\x00", "x" * 1200]
    ),
)  # fmt: skip


def fields_of(statement_id: int) -> list[str]:
    names = ["team", "opens_on", "closes_on", "own_statements", "place", "text", "addresses",
             "sector", "statement", "go"]  # fmt: skip
    return names + [f"s{statement_id}-{part}" for part in ("now", "importance", "act", "remark")]


@pytest.mark.django_db
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_scan_form_survives_any_input(network, coordinator, round, data):
    first = round.instrument.statements.filter(audience="professional").first()
    posted = data.draw(st.dictionaries(st.sampled_from(fields_of(first.pk)), values, max_size=10))
    # Every example starts from the same round: what one example made is rolled back.
    with transaction.atomic():
        statement = own_statement(network, "Een eigen stelling.")
        _invitation, token = invite_one(round, "jan@school.test")
        respondent = Client(raise_request_exception=False)
        respondent.get(reverse("scan:answer_link", args=[token]))
        coordinating = client_for(coordinator)
        coordinating.raise_request_exception = False
        n, r = network.pk, round.pk
        coordinator_urls = [
            reverse("scan:round_new", args=[n]),
            reverse("scan:own_statements", args=[n]),
            reverse("scan:own_statement_edit", args=[n, statement.pk]),
            reverse("scan:invite", args=[n, r]),
        ]
        respondent_urls = [
            reverse("scan:answer_save", args=[r]),
            reverse("scan:answer_step", args=[r, 1]),
            reverse("scan:answer_step", args=[r, 6]),
        ]
        for browser, urls in ((coordinating, coordinator_urls), (respondent, respondent_urls)):
            for url in urls:
                response = browser.post(url, posted)
                assert response.status_code < 500, (url, posted)
        transaction.set_rollback(True)
