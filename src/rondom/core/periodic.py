"""The daily jobs that several components take part in, each run by one command.

`rondom send_reminders` sends every kind of reminder, and `rondom purge` erases everything
whose retention term has ended. A component adds its part in its AppConfig.ready(), so
these commands need not know the components above them, and cron keeps one line each.
"""

from collections.abc import Callable
from datetime import date

from django.db import connection

# A reminder job gets the number of days ahead and today, and returns how many it sent.
Reminder = Callable[[int, date], int]
# A purge job gets today, erases what is due, and returns a line for the command's output.
Purge = Callable[[date], str]

_reminders: dict[str, Reminder] = {}
_purges: dict[str, Purge] = {}


def add_reminders(name: str, job: Reminder) -> None:
    _reminders[name] = job


def add_purge(name: str, job: Purge) -> None:
    _purges[name] = job


def reminder_jobs() -> dict[str, Reminder]:
    return dict(_reminders)


def purge_jobs() -> dict[str, Purge]:
    return dict(_purges)


def claim_for_today(sent_model, ids: list[int], today: date) -> set[int]:
    """Mark these agreements as reminded today in `sent_model` (a table of `agreement_id`
    and `sent_on`, unique together); returns the ones no other run had claimed yet.

    One INSERT ... ON CONFLICT DO NOTHING RETURNING tells which rows this run added, so two
    runs at the same time never both send a reminder, and neither waits on a lock.
    """
    if not ids:
        return set()
    table = connection.ops.quote_name(sent_model._meta.db_table)
    rows = ", ".join(["(%s, %s)"] * len(ids))
    params = [value for pk in ids for value in (pk, today)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agreement_id, sent_on) VALUES {rows} "
            "ON CONFLICT (agreement_id, sent_on) DO NOTHING RETURNING agreement_id",
            params,
        )
        return {row[0] for row in cursor.fetchall()}
