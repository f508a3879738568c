"""Adding and changing a joint agreement: its result, when it runs, and who signed it."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rondom.monitor.models import JointAgreement, Signature

from .figures_world import client_for, joint_agreement, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(manager):
    return make_world(manager)


def post_new(client, network, **data):
    return client.post(reverse("monitor:joint_new", args=[network.pk]), data)


def test_a_coordinator_adds_a_joint_agreement_with_its_signatures(world):
    network, school, youth = world["network"], world["school"], world["youth"]
    ann = client_for(world["ann"])
    page = ann.get(reverse("monitor:joint_new", args=[network.pk])).content.decode()
    assert "Basisschool Het Anker" in page and "Jeugdteam Oost" in page
    assert "Kinderopvang Elders" not in page  # not a member

    answer = post_new(
        ann, network, result="Elk kind heeft binnen 8 weken passende hulp",
        starts_on="2026-01-01", ends_on="2027-12-31",
        **{f"signed_{school.pk}": "2025-12-10", f"signed_{youth.pk}": ""},
    )  # fmt: skip
    assert answer.status_code == 302
    joint = JointAgreement.objects.get()
    assert (joint.network, joint.created_by, joint.ends_on) == (network, world["ann"],
                                                                date(2027, 12, 31))  # fmt: skip
    assert [(s.organisation, s.signed_on) for s in joint.signatures.all()] == [
        (school, date(2025, 12, 10))
    ]
    overview = ann.get(answer.url).content.decode()
    assert "Elk kind heeft binnen 8 weken passende hulp" in overview
    assert "van 1 januari 2026 tot en met 31 december 2027" in overview
    assert "Basisschool Het Anker (10 december 2025)" in overview


def test_changing_the_signatures_adds_moves_and_takes_off(world):
    network, school, youth = world["network"], world["school"], world["youth"]
    joint = joint_agreement(network, starts_on=date(2026, 1, 1))
    Signature.objects.create(
        joint_agreement=joint, organisation=school, signed_on=date(2025, 12, 1)
    )
    url = reverse("monitor:joint_edit", args=[network.pk, joint.pk])
    answer = client_for(world["cas"]).post(url, {
        "result": joint.result, "starts_on": "2026-01-01", "version": joint.version,
        f"signed_{school.pk}": "", f"signed_{youth.pk}": "2025-12-15",
    })  # fmt: skip
    assert answer.status_code == 302
    assert [(s.organisation, s.signed_on) for s in joint.signatures.all()] == [
        (youth, date(2025, 12, 15))
    ]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"result": "   "}, "Schrijf in één zin het resultaat dat de partners willen."),
        ({"starts_on": ""}, "Geef de dag waarop de afspraak ingaat."),
        ({"starts_on": "31-02-2026"}, "Geef een datum, bijvoorbeeld 31-12-2026."),
        ({"ends_on": "2025-12-31"},
         "De afspraak kan niet eindigen voordat ze ingaat: geef 1 januari 2026 of een latere"),
        ({"starts_on": "2011-01-01", "ends_on": ""},
         "Een samenwerkingsafspraak gaat op zijn vroegst in op 1 januari"),
        ({"result": "x" * 301}, "Houd het resultaat bij één zin van hoogstens 300 tekens."),
    ],
)  # fmt: skip
def test_bad_input_gets_a_dutch_message(world, changes, message):
    network = world["network"]
    data = {"result": "Samen sneller hulp", "starts_on": "2026-01-01", "ends_on": ""} | changes
    answer = post_new(client_for(world["ann"]), network, **data)
    assert answer.status_code == 422
    assert message in answer.content.decode()
    assert not JointAgreement.objects.exists()


def test_only_a_member_organisation_signs_and_not_in_the_future(world):
    network, school = world["network"], world["school"]
    ann = client_for(world["ann"])
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    answer = post_new(ann, network, result="Samen", starts_on="2026-01-01",
                      **{f"signed_{school.pk}": tomorrow})  # fmt: skip
    assert answer.status_code == 422
    assert "Basisschool Het Anker kan niet getekend hebben op een dag die nog moet komen." in (
        answer.content.decode()
    )
    outside = world["outside"]
    answer = post_new(ann, network, result="Samen", starts_on="2026-01-01",
                      **{f"signed_{outside.pk}": "2025-12-01"})  # fmt: skip
    assert answer.status_code == 422
    assert (
        "Alleen lidorganisaties van het netwerk tekenen zijn samenwerkingsafspraken; "
        "Kinderopvang Elders is geen lid." in answer.content.decode()
    )
    answer = post_new(ann, network, result="Samen", starts_on="2026-01-01",
                      **{"signed_99999999999999999999": "2025-12-01"})  # fmt: skip
    assert answer.status_code == 422
    assert "een onbekende organisatie is geen lid" in answer.content.decode()
    assert not JointAgreement.objects.exists()


def test_a_change_saved_from_an_old_page_is_refused(world):
    network = world["network"]
    joint = joint_agreement(network, result="Eerste zin", starts_on=date(2026, 1, 1))
    url = reverse("monitor:joint_edit", args=[network.pk, joint.pk])
    data = {"starts_on": "2026-01-01", "version": 1}
    assert client_for(world["ann"]).post(url, data | {"result": "Tweede zin"}).status_code == 302
    answer = client_for(world["cas"]).post(url, data | {"result": "Derde zin"})
    assert answer.status_code == 409
    assert "Iemand anders heeft dit gewijzigd" in answer.content.decode()
    joint.refresh_from_db()
    assert joint.result == "Tweede zin"


def test_an_old_start_may_stay_while_the_text_changes(world):
    network = world["network"]
    joint = joint_agreement(network, starts_on=date(2015, 1, 1))
    url = reverse("monitor:joint_edit", args=[network.pk, joint.pk])
    answer = client_for(world["ann"]).post(
        url, {"result": "Nieuwe zin", "starts_on": "2015-01-01", "version": joint.version}
    )
    assert answer.status_code == 302


def test_the_network_page_leads_to_the_monitor(world):
    network = world["network"]
    page = client_for(world["ann"]).get(reverse("networks:detail", args=[network.pk]))
    assert reverse("monitor:overview", args=[network.pk]) in page.content.decode()
    assert "Samenwerkingsafspraken en hun indicatoren" in page.content.decode()
