"""Dates in a case file: within the ranges the forms allow, and intervals as their text says.

The interval of a card or of a question for help is not taken on trust: it is worked out
again from its date text, with the school career in the same file, and must come out the same.
"""

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from rondom.career.spans import spans_of
from rondom.core.fuzzy_dates import FuzzyDate, FuzzyDateError, parse_fuzzy_date, resolve_groups
from rondom.core.limits import (
    FIRST_SCHOOL_YEAR,
    FIRST_WORK_YEAR,
    LAST_SCHOOL_YEAR,
    check_birth_date,
    check_work_date,
    remembered_dates,
)

from .document import format_paths, location, schema, walk
from .problems import Problem


def _remembered(value: date, today: date) -> None:
    first, last = remembered_dates(today)
    if not first <= value <= last:
        raise ValidationError(
            _("Give a date between %(first)s and %(last)s.")
            % {"first": first.isoformat(), "last": last.isoformat()}
        )


def _work(value: date, today: date) -> None:
    check_work_date(value)


def _from_text(value: date, today: date) -> None:
    """Checked against the card's date text instead."""


# How every date in the schema is checked, with the same rule as the form that sets it.
DATE_CHECKS: dict[tuple[str, ...], Callable[[date, date], None]] = {
    ("children", "*", "date_of_birth"): check_birth_date,
    ("school_periods", "*", "starts_on"): _remembered,
    ("school_periods", "*", "ends_on"): _remembered,
    ("cards", "*", "starts_on"): _from_text,
    ("cards", "*", "ends_on"): _from_text,
    ("help_questions", "*", "starts_on"): _from_text,
    ("help_questions", "*", "ends_on"): _from_text,
    ("meetings", "*", "held_on"): _work,
    ("meetings", "*", "next_meeting_on"): _work,
    ("meetings", "*", "frozen", "agreements", "*", "due_on"): _work,
    ("meetings", "*", "agreements", "*", "due_on"): _work,
    ("consents", "*", "valid_from"): _work,
    ("consents", "*", "valid_until"): _work,
}

# Moments are written by the server, never typed. One in the future would, for instance,
# keep a closed case from being erased; a day allows for clocks that differ.
CLOCK_SLACK = timedelta(days=1)


def check_dates(document: dict, problems: list[Problem]) -> None:
    """Add a problem for every date outside its range and every card whose interval is off.

    The document has passed the schema, so every value has its type and format.
    """
    today = timezone.localdate()
    for path, check in DATE_CHECKS.items():
        for where, value in walk(document, path):
            if value is None:
                continue
            try:
                check(date.fromisoformat(value), today)
            except ValidationError as error:
                problems.extend(Problem(location(where), message) for message in error)
    _check_moments(document, problems)
    _check_order(document, problems)
    _check_school_years(document, problems)
    if not problems:  # the intervals are worked out from the days the records were saved
        _check_intervals(document, problems)


def _check_moments(document: dict, problems: list[Problem]) -> None:
    first = datetime(FIRST_WORK_YEAR, 1, 1, tzinfo=UTC)
    last = timezone.now() + CLOCK_SLACK
    message = _("Give a moment between %(first)s and now.") % {"first": FIRST_WORK_YEAR}
    for path in format_paths(schema(), "date-time"):
        for where, value in walk(document, path):
            if value is not None and not first <= datetime.fromisoformat(value) <= last:
                problems.append(Problem(location(where), message))


def _check_order(document: dict, problems: list[Problem]) -> None:
    pairs = (("school_periods", "starts_on", "ends_on"), ("consents", "valid_from", "valid_until"))
    for collection, start, end in pairs:
        for index, item in enumerate(document[collection]):
            if item[end] is not None and item[end] < item[start]:
                where = location((collection, index, end))
                problems.append(Problem(where, _("The end lies before the start.")))


def _check_school_years(document: dict, problems: list[Problem]) -> None:
    message = _("The school years must lie between %(first)s and %(last)s.") % {
        "first": FIRST_SCHOOL_YEAR,
        "last": LAST_SCHOOL_YEAR,
    }
    for where, year in walk(document, ("school_periods", "*", "group_years", "*", "school_year")):
        if not FIRST_SCHOOL_YEAR <= year <= LAST_SCHOOL_YEAR:
            problems.append(Problem(location(where), message))


def _careers(document: dict) -> dict[int, list[tuple[str, date, date]]]:
    """Per child id: (group, first day, last day) of every school year, as `group_years_of`."""
    years: dict[int, list] = {child["id"]: [] for child in document["children"]}
    for period in document["school_periods"]:
        starts_on = date.fromisoformat(period["starts_on"])
        ends_on = date.fromisoformat(period["ends_on"]) if period["ends_on"] else None
        years[period["child"]].extend(
            (gy["school_year"], gy["group"], gy["group"], starts_on, ends_on)
            for gy in period["group_years"]
        )
    return {child: [(s.group, s.start, s.end) for s in spans_of(y)] for child, y in years.items()}


def _days_saved(item: dict) -> Iterator[date]:
    """The days the interval of a card or question may have been worked out: whenever it was
    saved.

    "sinds 2019" ends on the day it was saved, and a two-digit year depends on that day too.
    A day either side allows for an installation in another time zone.
    """
    moments = [item["updated_at"], item["created_at"]]
    moments += [revision["changed_at"] for revision in reversed(item.get("revisions", []))]
    seen = set()
    for moment in moments:
        day = timezone.localdate(datetime.fromisoformat(moment))
        for candidate in (day, day - timedelta(days=1), day + timedelta(days=1)):
            if candidate not in seen:
                seen.add(candidate)
                yield candidate


def _interval(value: FuzzyDate) -> tuple:
    return (
        value.start.isoformat() if value.start else None,
        value.end.isoformat() if value.end else None,
        str(value.precision),
        list(value.groups),
    )


def _check_intervals(document: dict, problems: list[Problem]) -> None:
    """A question for help is dated as a card is: `apply_date` is the rule for both."""
    careers = _careers(document)
    # A card about the whole family follows the career of the only child, as in `apply_date`.
    only_child = document["children"][0]["id"] if len(document["children"]) == 1 else None
    for collection in ("cards", "help_questions"):
        for index, item in enumerate(document[collection]):
            child = item["child"] if item["child"] is not None else only_child
            derived, error = _derive(item, careers.get(child, []) if child is not None else None)
            if derived != _stored(item):
                problems.append(_interval_problem(collection, index, item, derived, error))


def _stored(item: dict) -> tuple:
    return (item["starts_on"], item["ends_on"], item["precision"], item["date_groups"])


def _derive(item: dict, career: list | None) -> tuple[tuple | None, FuzzyDateError | None]:
    """The interval the date text gives on one of the days the item was saved: the stored one
    if any day gives it, else what it gives on the day it was last saved (the first the text
    could be read on), or why the text was refused."""
    first, error = None, None
    for day in _days_saved(item):
        try:
            value = parse_fuzzy_date(item["date_text"], day)
        except FuzzyDateError as refused:
            error = error or refused
            continue
        if value.groups and career is not None:
            value = resolve_groups(value, career)
        derived = _interval(value)
        if derived == _stored(item):
            return derived, None
        first = first or derived
    return first, error


def _interval_problem(
    collection: str, index: int, item: dict, derived: tuple | None, error
) -> Problem:
    if derived is None:
        return Problem(location((collection, index, "date_text")), str(error.message))
    if collection == "cards":
        message = _(
            "the interval of card %(id)s (%(starts_on)s to %(ends_on)s, %(precision)s) does not "
            "follow from its date text %(text)r, which gives %(start)s to %(end)s (%(derived)s)"
        )
    else:
        message = _(
            "the interval of question %(id)s (%(starts_on)s to %(ends_on)s, %(precision)s) does "
            "not follow from its date text %(text)r, which gives %(start)s to %(end)s "
            "(%(derived)s)"
        )
    start, end, precision, _groups = derived
    return Problem(
        location((collection, index)),
        message
        % {
            "id": item["id"],
            "starts_on": item["starts_on"] or "-",
            "ends_on": item["ends_on"] or "-",
            "precision": item["precision"],
            "text": item["date_text"],
            "start": start or "-",
            "end": end or "-",
            "derived": precision,
        },
    )
