"""A site admin cannot read anyone's API token key or second-factor secret in the admin."""

import contextlib
import io

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.utils import decrypt
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.conftest import TEST_TOTP_SECRET, make_user


@pytest.fixture
def admin_client_(db):
    superuser = make_user("beheer@rondom.test", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(superuser)
    return client


@pytest.fixture
def planted(manager):
    """Known secrets of one professional: a token key, the TOTP secret and the recovery seed."""
    out = io.StringIO()
    call_command("drf_create_token", manager.email, stdout=out, stderr=io.StringIO())
    key = out.getvalue().split()[2]  # "Generated token <key> for user <email>"
    codes = RecoveryCodes.activate(manager)
    seed = decrypt(codes.instance.data["seed"])
    manager.emailaddress_set.create(email=manager.email, primary=True, verified=True)
    Group.objects.create(name="Beheerders")
    return [key, TEST_TOTP_SECRET, TEST_TOTP_SECRET.lower(), seed, *codes.get_unused_codes()]


def _admin_pages() -> list[str]:
    """Every list, add, change, history and delete page of every model in the admin."""
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        pages += [reverse(f"{name}_changelist"), reverse(f"{name}_add")]
        for pk in model._default_manager.values_list("pk", flat=True):
            for view in ("change", "history", "delete", "password_change"):
                with contextlib.suppress(NoReverseMatch):
                    pages.append(reverse(f"{name}_{view}", args=[pk]))
    return pages


@pytest.mark.django_db
def test_admin_pages_for_tokens_and_authenticators_are_gone(admin_client_, manager):
    authenticator = Authenticator.objects.get(user=manager, type=Authenticator.Type.TOTP)
    for url in [
        "/admin/authtoken/tokenproxy/",
        "/admin/authtoken/token/",
        "/admin/mfa/authenticator/",
        f"/admin/mfa/authenticator/{authenticator.pk}/change/",
        "/admin/api/apitoken/",
    ]:
        assert admin_client_.get(url).status_code == 404, url


@pytest.mark.django_db
def test_no_admin_page_shows_a_token_key_or_a_second_factor_secret(admin_client_, planted):
    pages = _admin_pages()
    assert len(pages) > 10  # users, groups and email addresses, each with their pages
    for url in pages:
        response = admin_client_.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for secret in planted:
            assert secret not in html, url


@pytest.mark.django_db
def test_an_admin_cannot_take_over_an_account_by_its_email_or_password(parent_user):
    """A parent's login code goes to their email address: an admin who could change it, or
    set a password, could log in as the parent."""
    admin_user = make_user("admin@x.test", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin_user)
    change = reverse("admin:accounts_user_change", args=[parent_user.pk])
    page = client.get(change)
    assert page.status_code == 200 and 'name="email"' not in page.content.decode()
    client.post(change, {"email": "mine@x.test", "first_name": "X", "last_name": "",
                         "is_active": "on"})  # fmt: skip
    parent_user.refresh_from_db()
    assert parent_user.email == "ouder@home.test"
    password_page = f"/admin/accounts/user/{parent_user.pk}/password/"
    assert client.get(password_page).status_code == 404


@pytest.mark.django_db
def test_an_admin_cannot_add_an_email_address_to_someone_elses_account():
    """allauth's email address admin would let an admin add a verified address of their own
    to a parent's account and log in with a code sent there."""
    admin_user = make_user("admin@x.test", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin_user)
    assert client.get("/admin/account/emailaddress/").status_code == 404
    assert client.get("/admin/account/emailaddress/add/").status_code == 404
