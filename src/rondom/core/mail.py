"""Where Rondom's emails come from: the site's name and address, from the settings."""

from django.conf import settings


def site_link(path: str) -> str:
    """The full address of a path on the site, as an email gives it."""
    return settings.SITE_URL + path


def site_context() -> dict[str, str]:
    """What `email/base.txt` needs to say who sends an email."""
    return {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}
