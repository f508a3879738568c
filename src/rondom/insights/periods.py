"""The period and the age groups a report is about.

A half-year is the usual period, because cases are reviewed twice a year; any range works
as well. Ages are whole years on the period's last day, or today while the period runs.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def reference_day(self) -> date:
        """The day ages and waiting times are measured on: the last day, or today if earlier."""
        return min(self.end, timezone.localdate())

    @property
    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def ends_before(self) -> datetime:
        """The first moment after the period (a moment in it is before this)."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))


def half_year(year: int, half: int) -> Period:
    if half == 1:
        return Period(date(year, 1, 1), date(year, 6, 30))
    return Period(date(year, 7, 1), date(year, 12, 31))


def half_year_key(day: date) -> str:
    return f"{day.year}-{1 if day.month <= 6 else 2}"


def parse_half_year(key: str) -> Period | None:
    """'2026-1' is the first half of 2026; anything else is not a half-year."""
    year, _dash, half = key.partition("-")
    if not (year.isdigit() and len(year) == 4 and half in ("1", "2")):
        return None
    return half_year(int(year), int(half))


def half_year_label(key: str) -> str:
    year, _dash, half = key.partition("-")
    if half == "1":
        return _("%(year)s first half") % {"year": year}
    return _("%(year)s second half") % {"year": year}


def recent_half_years(today: date, count: int = 8) -> list[str]:
    """The current half-year and the ones before it, newest first."""
    year, half = today.year, 1 if today.month <= 6 else 2
    keys = []
    for _n in range(count):
        keys.append(f"{year}-{half}")
        year, half = (year, 1) if half == 2 else (year - 1, 2)
    return keys


@dataclass(frozen=True)
class AgeGroup:
    key: str
    youngest: int
    oldest: int | None  # None: and older
    label: Promise


AGE_GROUPS = (
    AgeGroup("0-3", 0, 3, _("0–3 years")),
    AgeGroup("4-6", 4, 6, _("4–6 years")),
    AgeGroup("7-9", 7, 9, _("7–9 years")),
    AgeGroup("10-12", 10, 12, _("10–12 years")),
    AgeGroup("13+", 13, None, _("13 years and older")),
)
AGE_GROUPS_BY_KEY = {group.key: group for group in AGE_GROUPS}


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def birth_dates(group: AgeGroup, on: date) -> tuple[date | None, date]:
    """(born after, born on or before): the dates of birth of a child in the group on `on`."""
    latest = years_before(on, group.youngest)
    earliest = None if group.oldest is None else years_before(on, group.oldest + 1)
    return earliest, latest
