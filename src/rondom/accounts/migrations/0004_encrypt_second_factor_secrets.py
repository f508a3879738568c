"""Encrypt the second-factor secrets that allauth stored in plain text: TOTP keys and
recovery-code seeds. Reversible: going back decrypts them again (with the same key)."""

from django.db import migrations

from rondom.accounts.encryption import decrypt, encrypt, is_encrypted

SECRET_FIELDS = ("secret", "seed")


def _encrypt(value: str) -> str:
    return value if is_encrypted(value) else encrypt(value)


def _decrypt(value: str) -> str:
    return decrypt(value) if is_encrypted(value) else value


def _convert(apps, change) -> None:
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.all():
        data = dict(authenticator.data)
        for name in SECRET_FIELDS:
            if isinstance(data.get(name), str):
                data[name] = change(data[name])
        if isinstance(data.get("migrated_codes"), list):
            data["migrated_codes"] = [change(code) for code in data["migrated_codes"]]
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


def encrypt_secrets(apps, schema_editor):
    _convert(apps, _encrypt)


def decrypt_secrets(apps, schema_editor):
    _convert(apps, _decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_organisation_membership"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, decrypt_secrets)]
