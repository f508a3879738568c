"""Consent decides what professionals see; withdrawing it cuts access at once."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from rondom.cases.access import Need, cases_for
from rondom.cases.forms import ConsentForm
from rondom.cases.models import Role

from ..conftest import make_user


@pytest.fixture
def coach(story):
    user = make_user("coach@jeugd.test")
    person = story["builder"].person("Coach", Role.YOUTH_CARE, user)
    return user, person


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def timeline_url(story) -> str:
    return reverse("timeline:child", args=[story["case"].pk, story["child"].pk])


@pytest.mark.django_db
def test_professional_without_consent_sees_nothing(story, coach):
    user, _ = coach
    client = logged_in(user)
    assert client.get(timeline_url(story)).status_code == 404
    assert client.get(reverse("cases:detail", args=[story["case"].pk])).status_code == 404
    assert story["case"] not in cases_for(user)


@pytest.mark.django_db
def test_parent_records_consent_and_the_professional_sees_the_timeline(story, coach, parent_user):
    user, person = coach
    response = logged_in(parent_user).post(
        reverse("cases:consent", args=[story["case"].pk]),
        {
            "participant": person.pk,
            "timeline": "on",
            "meetings": "on",
            "purpose": "Samen kijken wat Sam nodig heeft",
            "valid_from": "2020-01-01",
            "valid_until": "2099-12-31",
        },
    )
    assert response.status_code == 302
    consent = story["case"].consents.get(participant=person)
    assert consent.given_by == story["parent"] and consent.recorded_by == parent_user
    assert logged_in(user).get(timeline_url(story)).status_code == 200


@pytest.mark.django_db
def test_withdrawing_consent_cuts_access_at_once(story, coach, parent_user):
    user, person = coach
    consent = story["case"].consents.create(
        given_by=story["parent"],
        participant=person,
        purpose="overleg",
        valid_from=date(2020, 1, 1),
        valid_until=date(2099, 1, 1),
    )
    client = logged_in(user)
    assert client.get(timeline_url(story)).status_code == 200
    logged_in(parent_user).post(
        reverse("cases:consent_withdraw", args=[story["case"].pk, consent.pk])
    )
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == parent_user
    assert client.get(timeline_url(story)).status_code == 404
    assert client.get(f"/api/v1/cards/{story['help_card'].pk}/").status_code == 404


@pytest.mark.django_db
def test_expired_consent_gives_no_access(story, coach):
    user, person = coach
    story["case"].consents.create(
        given_by=story["parent"],
        participant=person,
        purpose="overleg",
        valid_from=date(2020, 1, 1),
        valid_until=date(2021, 1, 1),
    )
    assert logged_in(user).get(timeline_url(story)).status_code == 404


@pytest.mark.django_db
def test_consent_for_an_organisation_covers_its_members(story, coach):
    from rondom.accounts.models import Membership, Organisation

    user, _ = coach
    team = Organisation.objects.create(name="Jeugdteam", kind="local_team")
    Membership.objects.create(organisation=team, user=user, function="family_coach")
    story["case"].consents.create(
        given_by=story["parent"],
        organisation=team,
        purpose="overleg",
        valid_from=date(2020, 1, 1),
        valid_until=date(2099, 1, 1),
    )
    assert story["case"] in cases_for(user, Need.CONTENT)


@pytest.mark.django_db
def test_case_manager_without_consent_runs_the_case_but_sees_no_timeline(story, manager):
    story["case"].consents.filter(participant__user=manager).delete()
    client = logged_in(manager)
    assert client.get(reverse("cases:detail", args=[story["case"].pk])).status_code == 200
    assert client.get(reverse("cases:consent", args=[story["case"].pk])).status_code == 200
    assert client.get(timeline_url(story)).status_code == 404


@pytest.mark.django_db
def test_a_professional_cannot_record_consent(story, coach, parent_user):
    user, person = coach
    story["case"].consents.create(
        given_by=story["parent"],
        participant=person,
        purpose="overleg",
        valid_from=date(2020, 1, 1),
        valid_until=date(2099, 1, 1),
    )
    response = logged_in(user).post(
        reverse("cases:consent", args=[story["case"].pk]), {"participant": person.pk}
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_anonymous_case_is_open_to_its_professionals_without_names(manager):
    from rondom.demo.builder import CaseBuilder

    b = CaseBuilder("Casus Zonnebloem", manager, "IB")
    child = b.child("Zonnebloem", date(2016, 5, 5))
    coach = make_user("coach@anoniem.test")
    b.person("Coach", Role.YOUTH_CARE, coach)
    page = logged_in(coach).get(reverse("timeline:child", args=[b.case.pk, child.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "2016" not in html.split("<main")[1].split("tl-wrap")[0]  # age only, no birth date
    assert "namen" in html  # the warning to leave names out


@pytest.mark.django_db
def test_anonymous_case_needs_a_recorded_consent_before_it_uses_names(manager):
    from rondom.demo.builder import CaseBuilder

    b = CaseBuilder("Casus Zonnebloem", manager, "IB")
    client = logged_in(manager)
    client.post(reverse("cases:make_named", args=[b.case.pk]))
    b.case.refresh_from_db()
    assert b.case.is_anonymous
    mother = b.person("Moeder", Role.MOTHER)
    b.case.consents.create(
        given_by=mother,
        participant=b.manager,
        purpose="overleg",
        valid_from=date(2020, 1, 1),
        valid_until=date(2099, 1, 1),
    )
    client.post(reverse("cases:make_named", args=[b.case.pk]))
    b.case.refresh_from_db()
    assert not b.case.is_anonymous


@pytest.mark.django_db
def test_the_consent_form_opens_on_29_february(story, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2024, 2, 29))
    form = ConsentForm(case=story["case"])
    assert form.initial["valid_until"] == date(2025, 2, 28)
