"""Hypothesis fills every form of the monitor with arbitrary input: never a server error."""

from datetime import date

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .figures_world import agreed_by, indicator, joint_agreement, make_world

FIELDS = [
    "result", "starts_on", "ends_on", "version", "name", "definition", "perspective", "kind",
    "target", "better", "baseline", "source_choice", "domain", "party", "level", "theme",
    "organisation", "value", "source_note", "signed_1", "signed_2", "signed_x",
]  # fmt: skip
values = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "0", "1", "2", "2026-02-30", "9999-12-31", "8,5", "1e400", "NaN",
                     "learning", "cases", "signals", "manual", "higher", "network"]),
)  # fmt: skip
forms = st.dictionaries(st.sampled_from(FIELDS), values, max_size=12)


@pytest.fixture
def monitor(manager):
    world = make_world(manager)
    joint = joint_agreement(world["network"], starts_on=date(2025, 1, 1))
    computed = agreed_by(indicator(joint), world["school"])
    by_hand = indicator(joint, "")
    n = world["network"].pk
    urls = [
        reverse("monitor:joint_new", args=[n]),
        reverse("monitor:joint_edit", args=[n, joint.pk]),
        reverse("monitor:indicator_new", args=[n, joint.pk]),
        reverse("monitor:indicator_edit", args=[n, computed.pk]),
        reverse("monitor:indicator_agree", args=[n, computed.pk]),
        reverse("monitor:indicator_withdraw", args=[n, computed.pk, world["school"].pk]),
        reverse("monitor:value_edit", args=[n, by_hand.pk, 2025, 1]),
    ]
    return world, urls


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=forms)
def test_every_monitor_form_survives_any_input(monitor, data):
    world, urls = monitor
    client = Client(raise_request_exception=False)
    client.force_login(world["ann"])
    with transaction.atomic():
        for url in urls:
            response = client.post(url, data)
            assert response.status_code < 500, (url, data)
        transaction.set_rollback(True)
