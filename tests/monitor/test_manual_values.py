"""Figures entered by hand: per half-year, with where they come from, never saved over."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from rondom.monitor.models import PeriodValue

from .figures_world import agreed_by, client_for, indicator, joint_agreement, make_world

pytestmark = pytest.mark.django_db

NOTE = "CBS Statline, jeugdhulp 2026"


@pytest.fixture
def world(manager):
    return make_world(manager)


@pytest.fixture
def by_hand(world):
    joint = joint_agreement(world["network"], starts_on=date(2025, 1, 1))
    return agreed_by(
        indicator(joint, "", name="Jongeren met jeugdhulp", definition="Uit het CBS."),
        world["school"], world["youth"],
    )  # fmt: skip


def value_url(ind, year: int, half: int) -> str:
    return reverse("monitor:value_edit", args=[ind.joint_agreement.network_id, ind.pk, year, half])


def test_a_figure_by_hand_needs_where_it_comes_from_and_shows_with_it(world, by_hand):
    ann = client_for(world["ann"])
    url = value_url(by_hand, 2025, 2)
    answer = ann.post(url, {"value": "12,5", "source_note": "", "version": 0})
    assert answer.status_code == 422
    assert "Zeg waar het cijfer vandaan komt" in answer.content.decode()
    answer = ann.post(url, {"value": "twaalf", "source_note": NOTE, "version": 0})
    assert "Geef een getal, bijvoorbeeld 8 of 8,5." in answer.content.decode()
    assert not PeriodValue.objects.exists()

    answer = ann.post(url, {"value": "12,5", "source_note": NOTE, "version": 0})
    assert answer.status_code == 302
    value = PeriodValue.objects.get()
    assert (value.value, value.source_note, value.entered_by) == (Decimal("12.5"), NOTE,
                                                                   world["ann"])  # fmt: skip
    assert value.count is None and value.frozen_at is None
    assert (value.period.year, value.period.half) == (2025, 2)

    listing = ann.get(answer.url).content.decode()
    assert "12,5" in listing and NOTE in listing
    overview = ann.get(reverse("monitor:overview", args=[world["network"].pk])).content.decode()
    assert "12,5" in overview and f"bron: {NOTE}" in overview and "ingevoerd door Ann" in overview


def test_a_figure_by_hand_is_never_saved_over_unseen(world, by_hand):
    url = value_url(by_hand, 2025, 1)
    ann, cas = client_for(world["ann"]), client_for(world["cas"])
    # Both open the empty form; Ann saves first.
    assert ann.post(url, {"value": "10", "source_note": NOTE, "version": 0}).status_code == 302
    answer = cas.post(url, {"value": "99", "source_note": "Gemeente", "version": 0})
    assert answer.status_code == 409
    page = answer.content.decode()
    assert "Iemand anders heeft een cijfer voor dit halfjaar ingevoerd" in page
    assert f"Nu opgeslagen: 10, uit “{NOTE}”" in page
    assert PeriodValue.objects.get().value == Decimal(10)

    # A correction from the stored version goes through, and a second one from the same page
    # does not.
    form = {"value": "11", "source_note": NOTE, "version": PeriodValue.objects.get().version}
    assert cas.post(url, form).status_code == 302
    assert ann.post(url, form | {"value": "12"}).status_code == 409
    assert PeriodValue.objects.get().value == Decimal(11)


def test_only_half_years_the_agreement_has_run_take_a_figure(world, by_hand):
    ann = client_for(world["ann"])
    assert ann.get(value_url(by_hand, 2024, 2)).status_code == 404  # before it ran
    year = timezone.localdate().year
    assert ann.get(value_url(by_hand, year + 1, 1)).status_code == 404  # not yet
    assert ann.get(value_url(by_hand, 2025, 3)).status_code == 404
    assert ann.get(value_url(by_hand, 2025, 1)).status_code == 200
    computed = indicator(by_hand.joint_agreement, "cases")
    assert ann.get(value_url(computed, 2025, 1)).status_code == 404
    network_id = world["network"].pk
    assert ann.get(reverse("monitor:values", args=[network_id, computed.pk])).status_code == 404


def test_a_version_out_of_range_is_refused_not_an_error(world, by_hand):
    url = value_url(by_hand, 2025, 1)
    ann = client_for(world["ann"])
    assert ann.post(url, {"value": "10", "source_note": NOTE, "version": 0}).status_code == 302
    huge = str(2**40)
    answer = ann.post(url, {"value": "11", "source_note": NOTE, "version": huge})
    assert answer.status_code == 409
    joint = by_hand.joint_agreement
    edit = reverse("monitor:joint_edit", args=[joint.network_id, joint.pk])
    answer = ann.post(edit, {"result": "Anders", "starts_on": "2025-01-01", "version": huge})
    assert answer.status_code == 409
