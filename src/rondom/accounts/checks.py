"""Startup checks for the key that encrypts second-factor secrets, and for the site address
that the emails link to."""

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

HOW_TO_MAKE_A_KEY = (
    "Make one with: python -c 'from cryptography.fernet import Fernet; "
    "print(Fernet.generate_key().decode())'"
)


@register(Tags.security)
def check_totp_key_is_valid(app_configs, **kwargs) -> list[Error]:
    try:
        Fernet(settings.TOTP_KEY)
    except (TypeError, ValueError):
        return [
            Error(
                "RONDOM_TOTP_KEY is not a valid key: it must be 32 bytes in url-safe base64.",
                hint=HOW_TO_MAKE_A_KEY,
                id="rondom.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_totp_key_is_set(app_configs, **kwargs) -> list[Warning]:
    if settings.TOTP_KEY == settings.DEVELOPMENT_TOTP_KEY:
        return [
            Warning(
                "RONDOM_TOTP_KEY is not set, so second-factor secrets are encrypted with the "
                "published development key.",
                hint=HOW_TO_MAKE_A_KEY,
                id="rondom.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs) -> list[Warning]:
    if not settings.SITE_URL.startswith("https://"):
        return [
            Warning(
                "RONDOM_SITE_URL is not an https address, so the links in emails do not lead "
                "to the site people use.",
                hint="Set it to the address of the site, for example https://rondom.example.nl.",
                id="rondom.W002",
            )
        ]
    return []
