"""The praatplaat: a child's timeline laid out for A3 paper.

The screen's grid becomes a table of bands, one band per lane of a row, so a page can break
between any two lanes and no card is ever cut in half. Within a band, cards float at their
place in percentages of the width: the same positions as the screen's grid columns, at a
fraction of the layout cost in WeasyPrint. Each page repeats the age axis. Cards
are numbered in date order, so people at the table can point at "card 12"; a text too long
for its card is shortened there and printed in full after the sheet.
"""

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rondom.timeline.kinds import ROWS, Row
from rondom.timeline.layout import MONTHS_PER_YEAR, AgeMark, Axis, Layout, Placed

# Beyond this many characters a text continues after the sheet; a card of minimal width
# then still fits on a page with its text at 8 points or more.
TEXT_LIMIT = 280
# Room between neighbouring cards in a lane, in % of its width (about 1 mm on A3).
CARD_SPACING = 0.3


def shorten(text: str, limit: int = TEXT_LIMIT) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,.;:") + " …"


@dataclass
class SheetItem:
    item: Any
    start_col: int
    end_col: int
    number: int = 0
    before_axis: bool = False
    after_axis: bool = False
    text: str = ""
    text_less_well: str = ""

    style: str = ""  # set by place_in_lane

    @property
    def is_shortened(self) -> bool:
        card = self.item
        return self.text != card.text or self.text_less_well != card.text_less_well


def percent(part: float, whole: float) -> float:
    """Rounded down, so that floats side by side never add up to more than the lane."""
    return math.floor(100_000 * part / whole) / 1000


def place_in_lane(items: list, columns: int, spacing: float = 0.0) -> list:
    """Give each item of one lane its float offset and width, from its grid columns.

    `spacing` (in % of the lane) is taken off each item's right side, so that neighbours do
    not touch; the next item's offset gives it back.
    """
    previous_end, owed = 1, 0.0
    for item in sorted(items, key=lambda item: item.start_col):
        gap = percent(max(item.start_col - previous_end, 0), columns) + owed
        width = percent(item.end_col - item.start_col, columns) - spacing
        item.style = f"margin-left: {gap:.3f}%; width: {width:.3f}%"
        previous_end, owed = item.end_col, spacing
    return sorted(items, key=lambda item: item.start_col)


@dataclass
class Band:
    row: Row
    first: bool
    items: list[SheetItem] = field(default_factory=list)


@dataclass
class Sheet:
    axis: Axis
    bands: list[Band]
    ages: list[AgeMark]
    today_line: int | None
    year_line_offset: float | None  # background position of the yearly lines, in %
    unplaced: list[SheetItem]
    shortened: list[SheetItem]
    card_count: int

    @property
    def columns(self) -> int:
        return self.axis.columns

    @property
    def lane_style(self) -> str:
        """A thin line every twelve months, from the CSS background rather than extra boxes.

        Built here because templates would write the decimals the Dutch way, with a comma.
        """
        images, sizes, positions, repeats = [], [], [], []
        if self.today_line:
            at = percent(self.today_line - 1, self.axis.columns)
            images.append(
                f"linear-gradient(to right, transparent {at}%, #b3261e {at}%, "
                f"#b3261e {at + 0.15:.3f}%, transparent {at + 0.15:.3f}%)"
            )
            sizes.append("100% 100%")
            positions.append("0 0")
            repeats.append("no-repeat")
        if self.year_line_offset is not None:
            images.append("linear-gradient(to right, #9a9ea8 0, #9a9ea8 0.5pt, transparent 0.5pt)")
            sizes.append(f"{percent(MONTHS_PER_YEAR, self.axis.columns)}% 100%")
            positions.append(f"{self.year_line_offset}% 0")
            repeats.append("repeat")
        if not images:
            return ""
        return (
            f"background-image: {', '.join(images)}; background-size: {', '.join(sizes)}; "
            f"background-position: {', '.join(positions)}; background-repeat: {', '.join(repeats)}"
        )

    @property
    def age_items(self) -> list[SheetItem]:
        items = [
            SheetItem(mark, mark.start_col, mark.start_col + MONTHS_PER_YEAR) for mark in self.ages
        ]
        return place_in_lane(items, self.axis.columns)


def _school_year_offset(axis: Axis) -> float | None:
    """Where the repeating 1 August line starts, as a CSS background position."""
    lines = axis.school_year_lines()
    if not lines or axis.columns <= MONTHS_PER_YEAR:
        return None
    first = (lines[0] - 1) % MONTHS_PER_YEAR
    return percent(first, axis.columns - MONTHS_PER_YEAR)


def _sheet_item(placed: Placed, number: int = 0) -> SheetItem:
    item = SheetItem(
        placed.item,
        placed.start_col,
        placed.end_col,
        number=number,
        before_axis=placed.before_axis,
        after_axis=placed.after_axis,
    )
    if number:
        item.text = shorten(placed.item.text)
        item.text_less_well = shorten(placed.item.text_less_well)
    return item


def build_sheet(layout: Layout) -> Sheet:
    numbers: dict[int, int] = {}
    ranked = sorted(
        (placed for laid in layout.rows if laid.row.card_kind for placed in laid.items),
        key=lambda placed: placed.order,
    )
    for number, placed in enumerate(ranked, start=1):
        numbers[id(placed)] = number

    bands: list[Band] = []
    for laid in layout.shown_rows:
        if laid.row.key == "age":
            bands.append(Band(laid.row, first=True))
            continue
        lanes: dict[int, list[SheetItem]] = {}
        for placed in laid.items:
            lanes.setdefault(placed.lane, []).append(_sheet_item(placed, numbers.get(id(placed))))
        if not lanes:
            bands.append(Band(laid.row, first=True))
        for index, lane in enumerate(sorted(lanes)):
            items = place_in_lane(lanes[lane], layout.axis.columns, CARD_SPACING)
            bands.append(Band(laid.row, first=index == 0, items=items))

    unplaced = []
    for number, card in enumerate(layout.unplaced, start=len(ranked) + 1):
        unplaced.append(
            SheetItem(card, 0, 0, number, text=card.text, text_less_well=card.text_less_well)
        )
    shortened = [item for band in bands for item in band.items if item.number and item.is_shortened]
    shortened.sort(key=lambda item: item.number)
    return Sheet(
        axis=layout.axis,
        bands=bands,
        ages=layout.ages,
        today_line=layout.today_line,
        year_line_offset=_school_year_offset(layout.axis),
        unplaced=unplaced,
        shortened=shortened,
        card_count=len(ranked) + len(unplaced),
    )


def split_bands(bands: list[Band], parts: int) -> list[list[Band]]:
    """Cut the bands into `parts` runs with about as many cards each (for drawing them side
    by side); every run but the first starts on a new page."""
    parts = max(1, min(parts, len(bands)))
    prefix = [0]
    for band in bands:
        prefix.append(prefix[-1] + 1 + len(band.items))
    cuts = [0]
    for part in range(1, parts):
        target = prefix[-1] * part / parts
        # The boundary nearest to an even share, after the previous cut.
        choices = range(cuts[-1] + 1, len(bands) - (parts - part) + 1)
        cuts.append(min(choices, key=lambda cut: abs(prefix[cut] - target)))
    cuts.append(len(bands))
    return [bands[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


def blank_sheet(birth: date | None, years: int = 13) -> Sheet:
    """Every row empty, for paper use: ages 0 to 12, or fitted to a date of birth."""
    axis = Axis(birth or date(2000, 1, 1), years)
    ages = [AgeMark(age, age * MONTHS_PER_YEAR + 1, False) for age in range(years)]
    return Sheet(
        axis=axis,
        bands=[Band(row, first=True) for row in ROWS],
        ages=ages,
        today_line=None,
        year_line_offset=_school_year_offset(axis) if birth else 0.0,
        unplaced=[],
        shortened=[],
        card_count=0,
    )
