"""The school career in time: periods and the group of every school year."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rondom.cases.models import Child
from rondom.core.dates import school_year_bounds

from .models import SchoolPeriod


@dataclass(frozen=True)
class GroupSpan:
    group: str
    label: str
    start: date
    end: date
    repeated: bool


def group_year_spans(child: Child, periods: list[SchoolPeriod] | None = None) -> list[GroupSpan]:
    """Each group year as a date span, clipped to its school period.

    Pass `periods` with their group_years prefetched to avoid queries.
    """
    if periods is None:
        periods = list(child.school_periods.prefetch_related("group_years"))
    return spans_of(
        (gy.school_year, gy.group, str(gy.get_group_display()), period.starts_on, period.ends_on)
        for period in periods
        for gy in period.group_years.all()
    )


def spans_of(years: Iterable[tuple[int, str, str, date, date | None]]) -> list[GroupSpan]:
    """Group years given as (school year, group, label, period start, period end) as spans."""
    spans: list[GroupSpan] = []
    seen: set[str] = set()
    for school_year, group, label, period_start, period_end in sorted(years, key=lambda y: y[0]):
        first, last = school_year_bounds(school_year)
        start = max(first, period_start)
        end = min(last, period_end) if period_end else last
        if end < start:
            continue
        spans.append(GroupSpan(group, label, start, end, group in seen and group != "peuter"))
        seen.add(group)
    return spans
