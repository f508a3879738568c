"""Indicators are chosen together: one counts only once two member organisations agreed."""

import pytest
from django.urls import reverse

from rondom.monitor.consent import (
    AlreadyAgreed,
    agree,
    counting,
    organisations_of,
    still_needed,
    with_agreed,
)
from rondom.monitor.models import Indicator, IndicatorConsent
from rondom.networks.models import NetworkMember

from .figures_world import client_for, indicator, joint_agreement, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(manager):
    return make_world(manager)


def overview(client, network) -> str:
    response = client.get(reverse("monitor:overview", args=[network.pk]))
    assert response.status_code == 200
    return response.content.decode()


def agree_url(ind: Indicator) -> str:
    return reverse("monitor:indicator_agree", args=[ind.joint_agreement.network_id, ind.pk])


def test_an_indicator_counts_only_after_two_distinct_organisations_agree(world):
    network = world["network"]
    ind = indicator(joint_agreement(network))
    agree(ind, world["school"], world["ann"])
    assert not counting(Indicator.objects.all()).exists()
    # Bo coordinates for the same school: still one organisation.
    with pytest.raises(AlreadyAgreed) as already:
        agree(ind, world["school"], world["bo"])
    assert already.value.consent.agreed_by == world["ann"]
    assert IndicatorConsent.objects.count() == 1
    assert with_agreed(Indicator.objects.all()).get().agreed == 1
    assert agree(ind, world["youth"], world["cas"]) is True  # counts from now on
    assert list(counting(Indicator.objects.all())) == [ind]


def test_the_page_says_who_agreed_and_how_many_are_still_needed(world):
    network = world["network"]
    ind = indicator(joint_agreement(network), name="Wachttijd leren")
    ann, bo, cas = (client_for(world[name]) for name in ("ann", "bo", "cas"))

    page = overview(ann, network)
    assert "telt nog niet mee: nog 2 organisaties nodig" in page.lower()
    answer = ann.post(agree_url(ind), {"organisation": world["school"].pk, "version": 1},
                      follow=True)  # fmt: skip
    page = answer.content.decode()
    assert "Basisschool Het Anker stemt in met “Wachttijd leren”." in page
    assert "telt nog niet mee: nog 1 organisatie nodig" in page.lower()
    assert "(door Ann)" in page

    # The other coordinator of the same school is told it agreed already, and it stays one.
    answer = bo.post(agree_url(ind), {"organisation": world["school"].pk, "version": 1},
                     follow=True)  # fmt: skip
    assert "Basisschool Het Anker stemde al in" in answer.content.decode()
    assert IndicatorConsent.objects.count() == 1

    answer = cas.post(agree_url(ind), {"organisation": world["youth"].pk, "version": 1},
                      follow=True)  # fmt: skip
    page = answer.content.decode()
    assert "De indicator telt vanaf nu mee." in page
    assert "✓ Telt mee" in page
    assert "Jeugdteam Oost, op " in page


def test_a_coordinator_agrees_only_for_an_own_member_organisation(world):
    network = world["network"]
    ind = indicator(joint_agreement(network))
    ann = client_for(world["ann"])
    # Ann belongs to the school, not to the youth team.
    answer = ann.post(agree_url(ind), {"organisation": world["youth"].pk, "version": 1},
                      follow=True)  # fmt: skip
    assert "Je kunt alleen instemmen namens een eigen organisatie" in answer.content.decode()
    assert not IndicatorConsent.objects.exists()
    # An organisation of one's own that is not a member of this network cannot agree either.
    NetworkMember.objects.filter(network=network, organisation=world["school"]).delete()
    assert list(organisations_of(world["ann"], network)) == []
    answer = ann.post(agree_url(ind), {"organisation": world["school"].pk, "version": 1})
    assert not IndicatorConsent.objects.exists()


def test_an_organisation_that_leaves_the_network_takes_its_agreement_along(world):
    network = world["network"]
    ind = indicator(joint_agreement(network))
    agree(ind, world["school"], world["ann"])
    agree(ind, world["youth"], world["cas"])
    assert counting(Indicator.objects.all()).exists()
    NetworkMember.objects.filter(network=network, organisation=world["youth"]).delete()
    assert not counting(Indicator.objects.all()).exists()
    assert still_needed(with_agreed(Indicator.objects.all()).get().agreed) == 1


def test_agreeing_from_a_page_opened_before_a_change_is_refused(world):
    network = world["network"]
    ind = indicator(joint_agreement(network))
    Indicator.objects.filter(pk=ind.pk).update(version=2)
    answer = client_for(world["ann"]).post(
        agree_url(ind), {"organisation": world["school"].pk, "version": 1}, follow=True
    )
    assert "De indicator is veranderd nadat je de pagina opende" in answer.content.decode()
    assert not IndicatorConsent.objects.exists()


def test_a_coordinator_takes_back_the_agreement_of_an_own_organisation(world):
    network = world["network"]
    ind = indicator(joint_agreement(network))
    agree(ind, world["school"], world["ann"])
    agree(ind, world["youth"], world["cas"])
    withdraw = reverse("monitor:indicator_withdraw", args=[network.pk, ind.pk, world["youth"].pk])
    # Ann cannot take back the youth team's agreement.
    assert client_for(world["ann"]).post(withdraw).status_code == 404
    answer = client_for(world["cas"]).post(withdraw, follow=True)
    assert "Jeugdteam Oost stemt niet meer in" in answer.content.decode()
    assert not counting(Indicator.objects.all()).exists()


def edit(client, ind: Indicator, **changes):
    data = {
        "name": ind.name,
        "definition": ind.definition,
        "perspective": ind.perspective,
        "kind": ind.kind,
        "target": str(ind.target),
        "better": ind.better,
        "baseline": "",
        "source_choice": ind.source or "manual",
        "version": ind.version,
    } | changes
    url = reverse("monitor:indicator_edit", args=[ind.joint_agreement.network_id, ind.pk])
    return client.post(url, data, follow=True)


def test_a_change_to_what_it_measures_takes_every_agreement_back(world):
    network = world["network"]
    ind = indicator(joint_agreement(network), name="Casussen")
    agree(ind, world["school"], world["ann"])
    agree(ind, world["youth"], world["cas"])
    ann = client_for(world["ann"])

    # Correcting the name keeps the agreements.
    answer = edit(ann, ind, name="Aantal casussen")
    assert "De indicator is opgeslagen." in answer.content.decode()
    assert IndicatorConsent.objects.count() == 2

    ind.refresh_from_db()
    answer = edit(ann, ind, target="25")
    page = answer.content.decode()
    assert "stemden in met iets anders" in page and "opnieuw" in page
    assert IndicatorConsent.objects.count() == 0
    ind.refresh_from_db()
    assert ind.agreements_withdrawn_at is not None
    assert "na instemming van organisaties" in page
    assert "telt nog niet mee: nog 2 organisaties nodig" in page.lower()

    # Once it counts again, the note goes.
    agree(ind, world["school"], world["ann"])
    agree(ind, world["youth"], world["cas"])
    ind.refresh_from_db()
    assert ind.agreements_withdrawn_at is None


def test_a_change_saved_from_an_old_page_is_refused(world):
    network = world["network"]
    ind = indicator(joint_agreement(network))
    first = edit(client_for(world["ann"]), ind, definition="Alle casussen van het netwerk.")
    assert first.status_code == 200
    second = edit(client_for(world["cas"]), ind, definition="Iets heel anders.")
    assert second.status_code == 409
    assert "Iemand anders heeft dit gewijzigd" in second.content.decode()
    ind.refresh_from_db()
    assert ind.definition == "Alle casussen van het netwerk."
