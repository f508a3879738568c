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


# One UPDATE with a CASE over thousands of rows takes quadratic time; small batches do not.
UPDATE_BATCH = 200


def keep_file_moments(rows: list, items: list[dict], fields: tuple[str, ...]) -> None:
    """Give rows just made with bulk_create the moments the file says (`created_at` and the
    like). Those fields take "now" on insert; bulk_update writes the values as given."""
    for item, row in zip(items, rows, strict=True):
        for name in fields:
            setattr(row, name, read_moment(item[name]))
    if rows:
        type(rows[0]).objects.bulk_update(rows, list(fields), batch_size=UPDATE_BATCH)
