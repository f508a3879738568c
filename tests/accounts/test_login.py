"""Professionals: password plus a second factor. Parents: a code by email. Nobody signs up."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from rondom.accounts.models import User
from tests.conftest import TEST_TOTP_SECRET


def code_now() -> str:
    return format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30))


def password_login(client: Client, email: str, password: str = "secret-pass-1"):
    return client.post(reverse("account_login"), {"login": email, "password": password})


@pytest.mark.django_db
def test_professional_needs_password_and_totp_code(manager):
    client = Client()
    response = password_login(client, manager.email)
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("caseload:cases")).status_code == 302  # not logged in yet
    done = client.post(reverse("mfa_authenticate"), {"code": code_now()})
    assert done.url == reverse("caseload:cases")
    assert client.get(reverse("caseload:cases")).status_code == 200


@pytest.mark.django_db
def test_wrong_totp_code_is_refused(manager):
    client = Client()
    password_login(client, manager.email)
    wrong = "000000" if code_now() != "000000" else "111111"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert client.get(reverse("caseload:cases")).status_code == 302


@pytest.mark.django_db
def test_recovery_code_works_once_instead_of_totp(manager):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    codes = RecoveryCodes.activate(manager).get_unused_codes()
    assert len(codes) == settings.MFA_RECOVERY_CODE_COUNT
    client = Client()
    password_login(client, manager.email)
    assert client.post(reverse("mfa_authenticate"), {"code": codes[0]}).status_code == 302
    again = Client()
    password_login(again, manager.email)
    assert again.post(reverse("mfa_authenticate"), {"code": codes[0]}).status_code == 200


@pytest.mark.django_db
def test_professional_without_second_factor_must_set_it_up_first(db):
    user = User.objects.create_user("nieuw@school.test", "secret-pass-1")
    client = Client()
    client.force_login(user)
    response = client.get(reverse("caseload:cases"))
    assert response.url == reverse("mfa_activate_totp")
    api = client.get("/api/v1/cases/")
    assert api.status_code == 403


@pytest.mark.django_db
def test_parent_logs_in_with_a_code_by_email(parent_user):
    client = Client()
    client.post(reverse("account_request_login_code"), {"email": parent_user.email})
    assert len(mail.outbox) == 1
    code = re.search(r"\b([A-Z0-9]{6,9})\b", mail.outbox[0].body.replace("-", "")).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("caseload:cases")).status_code == 200


@pytest.mark.django_db
def test_parent_has_no_password_to_remember(parent_user):
    parent_user.set_unusable_password()
    parent_user.save()
    response = password_login(Client(), parent_user.email, "")
    assert response.status_code == 200  # the form again, with an error


@pytest.mark.django_db
def test_failed_logins_are_slowed_then_blocked(manager):
    client = Client()
    for _ in range(3):
        response = password_login(client, manager.email, "wrong-password")
        assert "te veel" not in response.content.decode().lower()
    blocked = password_login(client, manager.email, "secret-pass-1")
    html = blocked.content.decode().lower()
    assert blocked.status_code == 200 and "te veel" in html
    assert client.get(reverse("caseload:cases")).status_code == 302


def test_session_ends_after_thirty_idle_minutes_by_default():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


@pytest.mark.django_db
def test_nobody_can_sign_up_on_their_own():
    client = Client()
    response = client.post(
        reverse("account_signup"),
        {
            "email": "zelf@x.test",
            "password1": "Sterk-wachtwoord-12",
            "password2": "Sterk-wachtwoord-12",
        },
    )
    assert not User.objects.filter(email="zelf@x.test").exists()
    assert response.status_code == 200
    assert "Registratie gesloten" in response.content.decode()


@pytest.mark.django_db
def test_first_second_factor_is_set_up_without_typing_the_password_again():
    User.objects.create_user("nieuw@school.test", "Nieuw-wachtwoord-1")
    client = Client()
    password_login(client, "nieuw@school.test", "Nieuw-wachtwoord-1")
    assert client.get(reverse("caseload:cases")).url == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<img src="data:image/svg+xml;base64,' in html  # the QR code
    assert f'value="{client.session["mfa.totp.secret"]}"' in html  # the secret to type over
    assert 'type="password"' not in html


@pytest.mark.django_db
def test_setting_up_totp_also_gives_recovery_codes():
    from allauth.mfa.models import Authenticator

    User.objects.create_user("nieuw@school.test", "Nieuw-wachtwoord-1")
    client = Client()
    password_login(client, "nieuw@school.test", "Nieuw-wachtwoord-1")
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    client.post(reverse("mfa_activate_totp"), {"code": code})
    kinds = set(Authenticator.objects.values_list("type", flat=True))
    assert kinds == {"totp", "recovery_codes"}
    assert client.get(reverse("caseload:cases")).status_code == 200
