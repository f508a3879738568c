"""The daily jobs that several components take part in, each run by one command.

`rondom send_reminders` sends every kind of reminder, and `rondom purge` erases everything
whose retention term has ended. A component adds its part in its AppConfig.ready(), so
these commands need not know the components above them, and cron keeps one line each.
"""

from collections.abc import Callable
from datetime import date

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
