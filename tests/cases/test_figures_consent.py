"""A parent's consent for figures: on and off by the parent, recorded by the case manager for a
parent without an account, withdrawn at once, logged, and never needed in an anonymous case."""

import pytest
from django.test import Client
from django.urls import reverse

from rondom.audit.models import AuditEvent
from rondom.cases.access import cases_in_figures
from rondom.cases.models import FiguresConsent, Role

pytestmark = pytest.mark.django_db


def as_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def urls(case) -> tuple[str, str, str]:
    return (
        reverse("cases:consent", args=[case.pk]),
        reverse("cases:figures_consent_give", args=[case.pk]),
        reverse("cases:figures_consent_withdraw", args=[case.pk]),
    )


def test_a_parent_switches_it_on_and_off(story, parent_user):
    case = story["case"]
    page, give, withdraw = urls(case)
    parent = as_client(parent_user)
    text = parent.get(page).content.decode()
    assert "Onze casus mag zonder namen meetellen in cijfers" in text
    assert "Aanzetten: onze casus mag meetellen, zonder namen" in text
    assert "&lt;10" in text and "altijd weer uitzetten" in text
    assert case not in cases_in_figures()

    assert parent.post(give).status_code == 302
    consent = FiguresConsent.objects.get()
    assert consent.given_by == story["parent"] and consent.recorded_by == parent_user
    assert case in cases_in_figures()
    assert "Uitzetten: onze casus telt niet mee" in parent.get(page).content.decode()

    parent.post(withdraw)
    # At once: the very next count leaves the case out.
    assert case not in cases_in_figures()
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == parent_user
    actions = list(AuditEvent.objects.filter(case_id=case.pk).values_list("action", flat=True))
    assert "change cases:figures_consent_give" in actions
    assert "change cases:figures_consent_withdraw" in actions


def test_the_case_manager_records_the_yes_of_a_parent_without_an_account(
    story, manager_client, manager
):
    case = story["case"]
    page, give, withdraw = urls(case)
    father = story["builder"].person("Vader zonder account", Role.FATHER)
    text = manager_client.get(page).content.decode()
    assert "Welke ouder zei ja?" in text and "Vader zonder account" in text
    # The parent with an account is not offered: she says it herself.
    form = text[text.index('id="figures"') :]
    assert f'value="{story["parent"].pk}"' not in form
    assert manager_client.post(give, {"given_by": story["parent"].pk}).status_code == 302
    assert not FiguresConsent.objects.exists()
    manager_client.post(give, {"given_by": father.pk})
    consent = FiguresConsent.objects.get()
    assert (consent.given_by, consent.recorded_by) == (father, manager)
    assert case in cases_in_figures()
    assert "vastgelegd door" in manager_client.get(page).content.decode()
    manager_client.post(withdraw)
    assert case not in cases_in_figures()
    assert FiguresConsent.objects.get().withdrawn_by == manager


def test_one_parents_no_ends_every_yes(story, parent_user, manager_client):
    case = story["case"]
    _page, give, withdraw = urls(case)
    father = story["builder"].person("Vader", Role.FATHER)
    manager_client.post(give, {"given_by": father.pk})
    as_client(parent_user).post(give)
    assert FiguresConsent.objects.filter(withdrawn_at__isnull=True).count() == 2
    as_client(parent_user).post(withdraw)
    assert not FiguresConsent.objects.filter(withdrawn_at__isnull=True).exists()
    assert case not in cases_in_figures()


def test_other_professionals_cannot_switch_it(story, people):
    _page, give, withdraw = urls(story["case"])
    for role in ("participant", "no_agreements"):
        client = as_client(people[role])
        assert client.post(give).status_code == 403
        assert client.post(withdraw).status_code == 403
    for role in ("outsider", "other_parent", "org_admin", "no_consent"):
        assert as_client(people[role]).post(give).status_code == 404
    assert not FiguresConsent.objects.exists()


def test_an_anonymous_case_counts_without_it(manager):
    from rondom.demo.builder import CaseBuilder

    builder = CaseBuilder("Casus Vlinder", manager, "Inge Bakker")
    case = builder.case
    assert case.is_anonymous and case in cases_in_figures()
    client = as_client(manager)
    page, give, _withdraw = urls(case)
    text = client.get(page).content.decode()
    assert "Deze casus is anoniem. Daarom telt hij mee zonder toestemming." in text
    assert "Welke ouder zei ja?" not in text
    builder.person("Ouder", Role.PARENTS)
    client.post(give, {"given_by": case.participants.get(role=Role.PARENTS).pk})
    assert not FiguresConsent.objects.exists()
