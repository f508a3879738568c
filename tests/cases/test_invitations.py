"""A case manager invites people by email; parents then log in with a code."""

from datetime import date

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from rondom.accounts.models import User
from rondom.cases.access import Need, cases_for
from rondom.cases.models import Role


def invite(client, story, participant, email):
    return client.post(
        reverse("cases:participant_invite", args=[story["case"].pk, participant.pk]),
        {"email": email},
    )


@pytest.mark.django_db
def test_inviting_a_parent_makes_a_passwordless_account(manager_client, story):
    father = story["builder"].person("Vader", Role.FATHER)
    invite(manager_client, story, father, "Vader@Thuis.test")
    father.refresh_from_db()
    user = father.user
    assert user.email == "vader@thuis.test" and user.kind == User.Kind.PARENT
    assert not user.has_usable_password()
    assert story["case"] in cases_for(user, Need.CONTENT)  # parents always see their case
    [message] = mail.outbox
    assert message.to == ["vader@thuis.test"]
    assert "/accounts/login/" in message.body
    assert story["case"].title not in message.body and "Sam" not in message.body


@pytest.mark.django_db
def test_inviting_a_professional_sends_a_link_to_choose_a_password(manager_client, story):
    coach = story["builder"].person("Coach", Role.YOUTH_CARE)
    invite(manager_client, story, coach, "coach@jeugd.test")
    coach.refresh_from_db()
    assert coach.user.kind == User.Kind.PROFESSIONAL
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    # Linked, but without a parent's consent the coach sees nothing yet.
    assert story["case"] not in cases_for(coach.user)
    story["case"].consents.create(
        given_by=story["parent"],
        participant=coach,
        purpose="overleg",
        valid_from=date(2020, 1, 1),
        valid_until=date(2099, 1, 1),
    )
    assert story["case"] in cases_for(coach.user)


@pytest.mark.django_db
def test_only_the_case_manager_invites(story, parent_user, client):
    father = story["builder"].person("Vader", Role.FATHER)
    client.force_login(parent_user)
    assert invite(client, story, father, "vader@thuis.test").status_code == 403
    assert not mail.outbox


@pytest.mark.django_db
def test_no_parent_accounts_in_an_anonymous_case(manager_client, manager):
    from rondom.demo.builder import CaseBuilder

    b = CaseBuilder("Casus Zonnebloem", manager, "IB")
    mother = b.person("Moeder", Role.MOTHER)
    response = manager_client.post(
        reverse("cases:participant_invite", args=[b.case.pk, mother.pk]),
        {"email": "moeder@thuis.test"},
        follow=True,
    )
    assert "anoniem" in response.content.decode()
    mother.refresh_from_db()
    assert mother.user is None and not mail.outbox


@pytest.mark.django_db
def test_an_existing_account_only_joins_in_a_role_that_fits_it(manager_client, story, outsider):
    """A professional's account does not become a parent (which needs no consent), and a
    parent's account does not become the school."""
    mother = story["builder"].person("Moeder", Role.MOTHER)
    response = manager_client.post(
        reverse("cases:participant_invite", args=[story["case"].pk, mother.pk]),
        {"email": outsider.email},
        follow=True,
    )
    mother.refresh_from_db()
    assert mother.user is None and not mail.outbox
    assert "past niet bij deze rol" in response.content.decode()


@pytest.mark.django_db
def test_a_site_admin_is_never_linked_to_a_case(manager_client, story):
    admin = User.objects.create_superuser("admin@rondom.test", "x")
    school = story["builder"].person("Zorgcoördinator", Role.SCHOOL)
    invite(manager_client, story, school, admin.email)
    school.refresh_from_db()
    assert school.user is None


@pytest.mark.django_db
def test_a_linked_participant_keeps_a_role_that_fits_the_account(manager_client, story):
    parent = story["parent"]
    url = reverse("cases:participant_edit", args=[story["case"].pk, parent.pk])
    response = manager_client.post(
        url, {"name": parent.name, "role": Role.SCHOOL, "version": parent.version}
    )
    assert response.status_code == 200 and "past niet bij deze rol" in response.content.decode()
    parent.refresh_from_db()
    assert parent.role == Role.PARENTS


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["parent", "loose professional"])
def test_only_professionals_in_an_organisation_start_a_case(who, parent_user, outsider):
    client = Client()
    client.force_login(parent_user if who == "parent" else outsider)
    assert client.get(reverse("cases:create")).status_code == 403
    assert client.post(reverse("cases:create"), {"title": "Eigen"}).status_code == 403
    assert "Nieuwe casus" not in client.get(reverse("caseload:cases")).content.decode()
