"""Second-factor secrets are stored encrypted with RONDOM_TOTP_KEY; logging in still works."""

import importlib
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.conftest import TEST_TOTP_SECRET


def code_now() -> str:
    """The current code, with time left to use it: a code is valid for its 30 seconds only."""
    if time.time() % 30 > 28:
        time.sleep(2.5)
    return format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30))


def log_in_with_code(email: str, code: str) -> Client:
    client = Client()
    client.post(reverse("account_login"), {"login": email, "password": "secret-pass-1"})
    client.post(reverse("mfa_authenticate"), {"code": code})
    return client


def stored_data(authenticator: Authenticator) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator WHERE id = %s", [authenticator.pk])
        return str(cursor.fetchone()[0])


def totp_of(user) -> Authenticator:
    return Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)


@pytest.mark.django_db
def test_the_totp_secret_in_the_database_is_not_the_plain_secret(manager):
    authenticator = totp_of(manager)
    assert authenticator.data["secret"] != TEST_TOTP_SECRET
    assert TEST_TOTP_SECRET not in stored_data(authenticator)
    assert TEST_TOTP_SECRET.lower() not in stored_data(authenticator).lower()
    assert decrypt(authenticator.data["secret"]) == TEST_TOTP_SECRET


@pytest.mark.django_db
def test_the_recovery_code_seed_is_encrypted_too(manager):
    codes = RecoveryCodes.activate(manager)
    seed = decrypt(codes.instance.data["seed"])
    assert seed not in stored_data(codes.instance)
    assert len(codes.get_unused_codes()) == 10


@pytest.mark.django_db
def test_a_correct_code_still_logs_in_and_a_wrong_one_does_not(manager):
    client = log_in_with_code(manager.email, code_now())
    assert client.get(reverse("caseload:cases")).status_code == 200
    wrong = "000000" if code_now() != "000000" else "111111"
    refused = log_in_with_code(manager.email, wrong)
    assert refused.get(reverse("caseload:cases")).status_code == 302


@pytest.mark.django_db
def test_secrets_cannot_be_read_with_another_key(manager, settings):
    settings.TOTP_KEY = Fernet.generate_key().decode()
    with pytest.raises(ImproperlyConfigured):
        log_in_with_code(manager.email, code_now())


@pytest.mark.django_db
def test_the_migration_encrypts_plain_secrets_and_can_undo_it(manager):
    migration = importlib.import_module(
        "rondom.accounts.migrations.0004_encrypt_second_factor_secrets"
    )
    codes = RecoveryCodes.activate(manager)
    plain_codes = codes.get_unused_codes()
    seed = decrypt(codes.instance.data["seed"])
    # As allauth stored them before the secrets were encrypted.
    Authenticator.objects.filter(pk=totp_of(manager).pk).update(data={"secret": TEST_TOTP_SECRET})
    Authenticator.objects.filter(pk=codes.instance.pk).update(data={"seed": seed, "used_mask": 0})

    migration.encrypt_secrets(apps, None)
    migration.encrypt_secrets(apps, None)  # running twice does not encrypt twice
    assert TEST_TOTP_SECRET not in stored_data(totp_of(manager))
    assert seed not in stored_data(codes.instance)
    assert RecoveryCodes.activate(manager).get_unused_codes() == plain_codes
    assert (
        log_in_with_code(manager.email, code_now()).get(reverse("caseload:cases")).status_code
        == 200
    )

    migration.decrypt_secrets(apps, None)
    assert totp_of(manager).data == {"secret": TEST_TOTP_SECRET}


def test_the_key_is_checked_at_startup(settings):
    from rondom.accounts import checks

    assert checks.check_totp_key_is_valid(None) == []
    assert [w.id for w in checks.check_totp_key_is_set(None)] == ["rondom.W001"]
    settings.TOTP_KEY = "too short"
    assert [e.id for e in checks.check_totp_key_is_valid(None)] == ["rondom.E001"]
    settings.TOTP_KEY = Fernet.generate_key().decode()
    assert checks.check_totp_key_is_set(None) == []
