"""The accounts of the scale dataset: how scale_data.py makes them and load.py logs in."""

import base64
import hashlib
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

DOMAIN = "scale.rondom.test"
PASSWORD = "scale-password-1"


def professional_email(index: int) -> str:
    return f"pro{index:05d}@{DOMAIN}"


def parent_email(index: int) -> str:
    return f"parent{index:06d}@{DOMAIN}"


def totp_secret(email: str) -> str:
    """A second-factor secret per account, which the load test can work out again."""
    return base64.b32encode(hashlib.sha256(f"scale-totp {email}".encode()).digest()[:20]).decode()


def totp_code(secret: str, at: float | None = None) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time() if at is None else at) // 30))
