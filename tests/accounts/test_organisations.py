"""An organisation admin manages members in the app; other people cannot."""

import pytest
from django.core import mail
from django.http import Http404
from django.test import Client
from django.urls import reverse

from rondom.accounts.access import get_organisation_for
from rondom.accounts.forms import MemberForm
from rondom.accounts.models import Membership, Organisation, User

from ..conftest import make_user


@pytest.fixture
def school(manager):
    school = Organisation.objects.create(name="Basisschool De Vlieger", kind="school")
    Membership.objects.create(organisation=school, user=manager, function="ib", is_admin=True)
    return school


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_admin_adds_a_member_who_gets_an_invitation(school, manager):
    url = reverse("organisations:detail", args=[school.pk])
    logged_in(manager).post(
        url,
        {
            "email": "lotte@vlieger.test",
            "first_name": "Lotte",
            "last_name": "de Boer",
            "function": "teacher",
        },
    )
    member = Membership.objects.get(user__email="lotte@vlieger.test")
    assert member.function == "teacher" and not member.is_admin
    assert member.user.kind == User.Kind.PROFESSIONAL and not member.user.has_usable_password()
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_admin_removes_members_and_grants_admin_rights_but_keeps_one_admin(school, manager):
    teacher = make_user("lotte@vlieger.test")
    membership = Membership.objects.create(organisation=school, user=teacher, function="teacher")
    client = logged_in(manager)
    client.post(reverse("organisations:member_toggle_admin", args=[school.pk, membership.pk]))
    membership.refresh_from_db()
    assert membership.is_admin
    client.post(reverse("organisations:member_remove", args=[school.pk, membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    own = school.memberships.get(user=manager)
    client.post(reverse("organisations:member_remove", args=[school.pk, own.pk]))
    client.post(reverse("organisations:member_toggle_admin", args=[school.pk, own.pk]))
    own.refresh_from_db()
    assert own.is_admin  # the last admin stays, with admin rights


@pytest.mark.django_db
def test_a_member_sees_but_does_not_manage(school):
    teacher = make_user("lotte@vlieger.test")
    Membership.objects.create(organisation=school, user=teacher, function="teacher")
    client = logged_in(teacher)
    url = reverse("organisations:detail", args=[school.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"email": "x@y.test"}).status_code == 404
    own = school.memberships.get(user=teacher)
    remove = reverse("organisations:member_remove", args=[school.pk, own.pk])
    assert client.post(remove).status_code == 404


@pytest.mark.django_db
def test_outsider_gets_nothing_from_an_organisation(school, outsider):
    client = logged_in(outsider)
    assert client.get(reverse("organisations:detail", args=[school.pk])).status_code == 404
    assert "De Vlieger" not in client.get(reverse("organisations:list")).content.decode()


def test_the_addresses_stay_as_they_were():
    assert reverse("organisations:list") == "/organisations/"
    assert reverse("organisations:detail", args=[3]) == "/organisations/3/"
    assert (
        reverse("organisations:member_remove", args=[3, 5]) == "/organisations/3/members/5/remove/"
    )
    assert (
        reverse("organisations:member_toggle_admin", args=[3, 5])
        == "/organisations/3/members/5/admin/"
    )


@pytest.mark.django_db
def test_members_may_look_and_only_admins_may_manage(school, manager, outsider):
    teacher = make_user("lotte@vlieger.test")
    Membership.objects.create(organisation=school, user=teacher, function="teacher")
    admin = make_user("beheer@rondom.test", is_superuser=True, is_staff=True)
    assert get_organisation_for(teacher, school.pk) == school
    assert get_organisation_for(manager, school.pk, admin=True) == school
    assert get_organisation_for(admin, school.pk, admin=True) == school
    for user, organisation_id, admin_only in (
        (teacher, school.pk, True),
        (outsider, school.pk, False),
        (manager, school.pk + 1, False),
    ):
        with pytest.raises(Http404):
            get_organisation_for(user, organisation_id, admin=admin_only)


def test_the_member_form_asks_for_a_known_function():
    data = {"email": "lotte@vlieger.test", "first_name": "Lotte", "last_name": "de Boer"}
    assert MemberForm({**data, "function": "teacher"}).is_valid()
    assert not MemberForm({**data, "function": "astronaut"}).is_valid()
