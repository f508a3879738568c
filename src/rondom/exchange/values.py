"""How single values are written to a case file and read back from it."""

from collections.abc import Callable
from datetime import date, datetime

from rondom.accounts.models import User

# The account here with an email address from the file, if there is one.
type UserByEmail = Callable[[str | None], User | None]


def email_of(user) -> str | None:
    """Accounts are named by their email address."""
    return user.email if user is not None else None


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def read_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def read_moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
