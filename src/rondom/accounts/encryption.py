"""Second-factor secrets are stored encrypted (Fernet: AES with an HMAC), with the key from
the TOTP_KEY setting, so reading the database or the admin does not give anyone's codes."""

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _cipher() -> Fernet:
    return Fernet(settings.TOTP_KEY)


def encrypt(text: str) -> str:
    return _cipher().encrypt(text.encode()).decode()


def decrypt(stored: str) -> str:
    try:
        return _cipher().decrypt(stored.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "A second-factor secret cannot be decrypted: it was encrypted with another "
            "RONDOM_TOTP_KEY, or it was changed in the database."
        ) from None


def is_encrypted(stored: str) -> bool:
    try:
        _cipher().decrypt(stored.encode())
    except InvalidToken:
        return False
    return True
