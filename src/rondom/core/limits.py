"""How far input may go: the date ranges, sizes and counts that forms, API and import share.

Every date inside these ranges can be drawn on a timeline and printed, and the counts keep a
page bounded. This module imports nothing of the app, so every layer may use it.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A child's date of birth lies between 1 January of this year and today.
EARLIEST_BIRTH_YEAR = 1990

# Dates as people remember them, on cards and in the school career: typed years from the
# first year up to a few years ahead, because a new school is often typed in advance.
EARLIEST_REMEMBERED_YEAR = 1900
YEARS_AHEAD = 2

# The school years of a group sequence ("1 2 3 4 4 5" from a first school year on).
FIRST_SCHOOL_YEAR = 1990
LAST_SCHOOL_YEAR = 2100

# Dates of the work around a child: meetings, agreements, next meetings and consents.
FIRST_WORK_YEAR = 1990
LAST_WORK_YEAR = 2100

# A case file, as bytes, and the cards on one child's timeline: the child's own cards and
# the whole family's, deleted cards not counted.
MAX_CASE_FILE_BYTES = 5 * 1024 * 1024
MAX_CARDS_PER_CHILD = 1000


def latest_remembered_year(today: date) -> int:
    return today.year + YEARS_AHEAD


def remembered_dates(today: date) -> tuple[date, date]:
    """The first and last day a remembered date can stand for.

    A winter or a school year typed in the latest year runs into the next one.
    """
    return date(EARLIEST_REMEMBERED_YEAR, 1, 1), date(latest_remembered_year(today) + 1, 12, 31)


def check_birth_date(value: date, today: date) -> None:
    if value > today:
        raise ValidationError(_("The date of birth cannot be in the future."), code="future")
    if value.year < EARLIEST_BIRTH_YEAR:
        raise ValidationError(
            _("Give a date of birth between %(year)s and today."),
            code="too_early",
            params={"year": EARLIEST_BIRTH_YEAR},
        )


def check_work_date(value: date) -> None:
    if not FIRST_WORK_YEAR <= value.year <= LAST_WORK_YEAR:
        raise ValidationError(
            _("Give a date between %(first)s and %(last)s."),
            code="out_of_range",
            params={"first": FIRST_WORK_YEAR, "last": LAST_WORK_YEAR},
        )


def check_school_years(first: int, count: int) -> None:
    """A sequence of `count` groups from school year `first` on stays within the range."""
    last = first + max(count, 1) - 1
    if first < FIRST_SCHOOL_YEAR or last > LAST_SCHOOL_YEAR:
        raise ValidationError(
            _("The school years must lie between %(first)s and %(last)s."),
            code="out_of_range",
            params={"first": FIRST_SCHOOL_YEAR, "last": LAST_SCHOOL_YEAR},
        )
