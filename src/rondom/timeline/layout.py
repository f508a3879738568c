"""Lay a child's timeline out on a grid: one column per month of the child's life.

Cards sit at their interval and get a lane within their row so that overlapping cards stack
instead of hiding each other. Everything here works on plain objects so it can be tested
without a database and costs no queries.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from rondom.career.spans import GroupSpan
from rondom.core.dates import age_on

from .kinds import ROWS, Row

MIN_AXIS_YEARS = 12
MONTHS_PER_YEAR = 12
# A card gets at least eighteen months of width, so its text stays legible on a classroom board.
MIN_CARD_MONTHS = 18
# A group box gets room for its label ("1/2") even when the child was in that group for only a
# month or two, as long as its neighbours leave that room.
MIN_GROUP_MONTHS = 4
# The age row holds the years in its first lane and today's mark in its second.
AGE_ROW_LANES = 2
# Today's mark has room for its label on this many months beside it.
NOW_LABEL_MONTHS = 12


@dataclass
class Placed:
    item: Any
    start_col: int
    end_col: int  # exclusive grid line
    lane: int = 1
    before_axis: bool = False
    after_axis: bool = False
    order: int = 0  # rank by date across all rows: the order of the one-column phone list

    @property
    def style(self) -> str:
        return (
            f"grid-column: {self.start_col} / {self.end_col}; grid-row: {self.lane}; "
            f"order: {self.order}"
        )


@dataclass
class LaidRow:
    row: Row
    items: list[Placed] = field(default_factory=list)

    @property
    def lanes(self) -> int:
        if self.row.key == "age":
            return AGE_ROW_LANES
        return max((p.lane for p in self.items), default=1)

    @property
    def folded(self) -> bool:
        """Extra rows without anything in them fold away."""
        return self.row.extra and not self.items


@dataclass
class Axis:
    birth: date
    years: int  # number of year columns, the year of age 0 included

    @property
    def columns(self) -> int:
        return self.years * MONTHS_PER_YEAR

    def position(self, day: date) -> float:
        """Months from birth to `day`, with the part of a month as a fraction."""
        months = (day.year - self.birth.year) * 12 + (day.month - self.birth.month)
        return months + (day.day - self.birth.day) / 30.5

    def line(self, day: date) -> int:
        """The grid line (1-based) nearest to `day`, clamped to the axis."""
        return min(max(round(self.position(day)), 0), self.columns) + 1

    def span(self, start: date, end: date, min_months: int = 1) -> tuple[int, int, bool, bool]:
        """Grid lines for an inclusive date interval, at least `min_months` wide."""
        first = round(self.position(start))
        # The calendar's last day has no day after it; only a row older than the ranges holds it.
        last = round(self.position(end + timedelta(days=1) if end < date.max else end))
        before, after = first < 0, last > self.columns
        first = min(max(first, 0), self.columns - 1)
        last = min(max(last, first + min_months), self.columns)
        if last - first < min_months:
            first = max(last - min_months, 0)
        return first + 1, last + 1, before, after

    def school_year_lines(self) -> list[int]:
        """Grid lines of 1 August within the axis."""
        end_year = min(self.birth.year + self.years + 1, date.max.year + 1)
        lines = []
        for year in range(self.birth.year, end_year):
            line = self.line(date(year, 8, 1))
            if 1 < line <= self.columns:
                lines.append(line)
        return lines


def axis_for(birth: date, today: date) -> Axis:
    """Ages 0 to 12, or up to the current age for an older child."""
    return Axis(birth, max(MIN_AXIS_YEARS, age_on(birth, today)) + 1)


def assign_lanes(placed: list[Placed]) -> None:
    """Greedy interval colouring: the first lane whose last card ends before this one starts."""
    lane_ends: list[int] = []
    for item in sorted(placed, key=lambda p: (p.start_col, -p.end_col)):
        for index, end in enumerate(lane_ends):
            if end <= item.start_col:
                lane_ends[index] = item.end_col
                item.lane = index + 1
                break
        else:
            lane_ends.append(item.end_col)
            item.lane = len(lane_ends)


def place_cards(axis: Axis, cards) -> list[Placed]:
    placed = []
    for card in cards:
        start, end, before, after = axis.span(card.starts_on, card.ends_on, MIN_CARD_MONTHS)
        placed.append(Placed(card, start, end, before_axis=before, after_axis=after))
    assign_lanes(placed)
    return placed


def place_spans(
    axis: Axis, spans, start_attr: str, end_attr: str, today: date, min_months: int = 1
) -> list[Placed]:
    placed = []
    for span in spans:
        end = getattr(span, end_attr) or today
        start_col, end_col, before, after = axis.span(getattr(span, start_attr), end, min_months)
        placed.append(Placed(span, start_col, end_col, before_axis=before, after_axis=after))
    assign_lanes(placed)
    return placed


def widen_into_free_room(placed: list[Placed], min_months: int, columns: int) -> None:
    """Widen every item narrower than `min_months`: first back into the free room before it,
    then on into the free room after it, never over another item or off the axis, so the
    lanes stay as they were."""
    ordered = sorted(placed, key=lambda p: (p.start_col, p.end_col))
    for index, item in enumerate(ordered):
        missing = min_months - (item.end_col - item.start_col)
        if missing <= 0:
            continue
        before = max((p.end_col for p in ordered[:index]), default=1)
        after = min((p.start_col for p in ordered[index + 1 :]), default=columns + 1)
        back = min(missing, max(item.start_col - before, 0))
        item.start_col -= back
        item.end_col += min(missing - back, max(after - item.end_col, 0))


@dataclass
class AgeMark:
    age: int
    start_col: int
    is_current: bool

    @property
    def style(self) -> str:
        return f"grid-column: {self.start_col} / span {MONTHS_PER_YEAR}; grid-row: 1 / -1"


@dataclass
class NowMark:
    """Today on the age row: a small mark on the red line, its label beside it, after the
    line where the axis has room for the label and before it otherwise."""

    line: int
    columns: int

    @property
    def label_before(self) -> bool:
        return self.line + NOW_LABEL_MONTHS > self.columns + 1

    @property
    def style(self) -> str:
        if self.label_before:
            start = max(self.line - NOW_LABEL_MONTHS, 1)
            return f"grid-column: {start} / {self.line}; grid-row: {AGE_ROW_LANES}"
        return f"grid-column: {self.line} / span {NOW_LABEL_MONTHS}; grid-row: {AGE_ROW_LANES}"


@dataclass
class Layout:
    axis: Axis
    rows: list[LaidRow]
    unplaced: list[Any]
    ages: list[AgeMark]
    today_line: int
    school_year_lines: list[int]
    current_age: int

    @property
    def now(self) -> NowMark:
        return NowMark(self.today_line, self.axis.columns)

    @property
    def shown_rows(self) -> list[LaidRow]:
        return [row for row in self.rows if not row.folded]

    @property
    def folded_rows(self) -> list[LaidRow]:
        return [row for row in self.rows if row.folded]


def lay_out(
    birth: date,
    today: date,
    cards: list,
    periods: list,
    group_spans: list[GroupSpan],
    rows: tuple[Row, ...] = ROWS,
) -> Layout:
    axis = axis_for(birth, today)
    placed_cards = [card for card in cards if card.starts_on is not None]
    unplaced = [card for card in cards if card.starts_on is None]
    by_kind: dict[str, list] = {}
    for card in placed_cards:
        by_kind.setdefault(card.kind, []).append(card)

    laid_rows = []
    for row in rows:
        if row.card_kind:
            items = place_cards(axis, by_kind.get(row.card_kind, []))
        elif row.key == "school":
            items = place_spans(axis, periods, "starts_on", "ends_on", today, MIN_CARD_MONTHS)
        elif row.key == "group":
            items = place_spans(axis, group_spans, "start", "end", today)
            widen_into_free_room(items, MIN_GROUP_MONTHS, axis.columns)
        else:
            items = []
        laid_rows.append(LaidRow(row, items))

    in_list = [p for row in laid_rows if row.row.key != "group" for p in row.items]
    in_list.sort(key=lambda p: (p.start_col, p.end_col))
    for rank, placed in enumerate(in_list, start=1):
        placed.order = rank
    current_age = age_on(birth, today)
    ages = [
        AgeMark(age, age * MONTHS_PER_YEAR + 1, age == current_age) for age in range(axis.years)
    ]
    return Layout(
        axis=axis,
        rows=laid_rows,
        unplaced=unplaced,
        ages=ages,
        today_line=axis.line(today),
        school_year_lines=axis.school_year_lines(),
        current_age=current_age,
    )
