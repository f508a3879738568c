"""The results' charts, drawn on the server as inline SVG for the page and the PDF alike.

Every chart is an image with a title and a description, and a table with the same figures
follows it. Nothing depends on colour alone: the two audiences differ in shape (circle,
square), the previous round is a dashed line with square points, and each cell of the heat
map prints its number, on steps of blue that also stay apart as greys on paper.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .figures import decimal, quadrant_of
from .models import Audience
from .results import Group, StatementRow

INK = "#1a1a1a"
MUTED = "#4f5360"
LINE = "#c9ced6"
CURRENT = "#1d4e89"
PARENTS = "#8c1d18"
PREVIOUS = "#4f5360"
# The heat map's steps of "now", from low to high: (from, fill, ink). Light steps carry dark
# numbers and dark steps white ones, each at a contrast of at least 4.5 to 1.
STEPS = [
    (1.0, "#f4f5f7", INK),
    (1.5, "#d9e2ee", INK),
    (2.5, "#a9bfdc", INK),
    (3.5, "#4a72a8", "#ffffff"),
    (4.5, "#1d4e89", "#ffffff"),
]
DISAGREE = "≠"


def _n(number: float) -> str:
    return f"{number:.1f}"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _svg(chart_id: str, width: float, height: float, title: str, desc: str, body) -> SafeString:
    return format_html(
        '<svg class="sr-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" role="img" aria-labelledby="{id}-title {id}-desc" '
        'font-family="DejaVu Sans, sans-serif">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        w=_n(width),
        h=_n(height),
        id=chart_id,
        title=title,
        desc=desc,
        body=body,
    )


def _join(parts: Iterable[str]) -> SafeString:
    # Every part is built with format_html.
    return mark_safe("".join(parts))


def _wrap(text: str, width: int) -> list[str]:
    """At most two lines of about `width` characters, broken between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 2:
        lines = [lines[0], _short(" ".join(lines[1:]), width)]
    return lines


def _label(x: float, y: float, text: str, size: int = 12, anchor: str = "start",
           fill: str = INK, weight: str = "normal") -> str:  # fmt: skip
    return format_html(
        '<text x="{}" y="{}" font-size="{}" text-anchor="{}" fill="{}" font-weight="{}">{}'
        "</text>",
        _n(x), _n(y), size, anchor, fill, weight, text,
    )  # fmt: skip


def _marker(x: float, y: float, audience: str, size: float = 6) -> str:
    """A circle for professionals, a square for parents."""
    if audience == Audience.PARENT:
        return format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#ffffff"/>',
            _n(x - size), _n(y - size), _n(2 * size), _n(2 * size), PARENTS,
        )  # fmt: skip
    return format_html(
        '<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="#ffffff"/>',
        _n(x), _n(y), _n(size), CURRENT,
    )  # fmt: skip


# 1. Importance against now, in four quadrants.

PLOT = 480
LEFT, TOP, RIGHT, BOTTOM = 64, 16, 24, 56


def importance_against_now(rows: list[StatementRow], chart_id: str = "sr-grid") -> SafeString:
    def x(value: float) -> float:
        return LEFT + (value - 1) / 4 * PLOT

    def y(value: float) -> float:
        return TOP + (5 - value) / 4 * PLOT

    parts = [
        # The quarter that asks for work (important, not going well) is shaded darker.
        format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="#e4e8ee"/>',
                    _n(x(1)), _n(y(5)), _n(PLOT / 2), _n(PLOT / 2)),
        format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="#f6f7f9"/>',
                    _n(x(3)), _n(y(5)), _n(PLOT / 2), _n(PLOT / 2)),
        format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="#fbfbfc"/>',
                    _n(x(1)), _n(y(3)), _n(PLOT), _n(PLOT / 2)),
    ]  # fmt: skip
    for value in range(1, 6):
        width = 2 if value == 3 else 1
        colour = MUTED if value == 3 else LINE
        parts.append(format_html(
            '<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="{c}" stroke-width="{w}"/>'
            '<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="{c}" stroke-width="{w}"/>',
            x=_n(x(value)), y=_n(y(value)), top=_n(y(5)), bottom=_n(y(1)), left=_n(x(1)),
            right=_n(x(5)), c=colour, w=width,
        ))  # fmt: skip
        parts.append(_label(x(value), y(1) + 18, str(value), 12, "middle"))
        parts.append(_label(x(1) - 10, y(value) + 4, str(value), 12, "end"))
    corners = [
        (x(1) + 6, y(5) + 16, "start", quadrant_of(1, 5)),
        (x(5) - 6, y(5) + 16, "end", quadrant_of(5, 5)),
        (x(1) + 6, y(1) - 8, "start", quadrant_of(1, 1)),
        (x(5) - 6, y(1) - 8, "end", quadrant_of(5, 1)),
    ]
    parts += [_label(cx, cy, text, 11, anchor, MUTED) for cx, cy, anchor, text in corners]
    parts.append(_label(x(3), y(1) + 42, _("how it stands now"), 13, "middle", weight="bold"))
    parts.append(format_html(
        '<text x="0" y="0" font-size="13" font-weight="bold" text-anchor="middle" fill="{}" '
        'transform="translate(18 {}) rotate(-90)">{}</text>',
        INK, _n(y(3)), _("how important"),
    ))  # fmt: skip
    dots = [(x(row.all.mean_now), y(row.all.mean_importance), row) for row in rows
            if row.all.mean_now is not None and row.all.mean_importance is not None]  # fmt: skip
    parts += [_marker(px, py, row.audience) for px, py, row in dots]
    parts += place_numbers([(px, py, str(row.number)) for px, py, row in dots])
    return _svg(
        chart_id,
        LEFT + PLOT + RIGHT,
        TOP + PLOT + BOTTOM,
        _("Importance against how it stands now"),
        _(
            "Each statement is a point with its number: to the right it goes better now, "
            "higher up it is more important. The lines at 3 divide the grid into four parts. "
            "Circles are statements for professionals, squares those for parents."
        ),
        _join(parts),
    )


Box = tuple[float, float, float, float]  # left, top, right, bottom

# Where a number may go around its point, nearest first: (dx, dy) of the label's centre.
AROUND = [
    (dx * r, dy * r)
    for r in (15, 23, 32, 42)
    for dx, dy in ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1))
]


def _overlap(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _box(px: float, py: float, offset: tuple[float, float], half: tuple[float, float]) -> Box:
    x, y = px + offset[0], py + offset[1]
    return (x - half[0], y - half[1], x + half[0], y + half[1])


def place_numbers(points: list[tuple[float, float, str]], size: int = 11) -> list[str]:
    """Each point's number beside it, where it covers the fewest other numbers and points;
    a number set further off gets a thin line to its point."""
    dots = [(px - 6, py - 6, px + 6, py + 6) for px, py, _text in points]
    placed: list[Box] = []
    parts = []
    for px, py, text in points:
        half = (0.33 * size * len(text) + 1, 0.5 * size)
        best, least = AROUND[0], math.inf
        for offset in AROUND:  # nearest first: the first free place wins
            box = _box(px, py, offset, half)
            cost = sum(_overlap(box, other) for other in placed + dots)
            if cost < least:
                best, least = offset, cost
            if cost == 0:
                break
        placed.append(_box(px, py, best, half))
        if abs(best[0]) > 16 or abs(best[1]) > 16:
            parts.append(format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="0.8"/>',
                _n(px), _n(py), _n(px + best[0] * 0.6), _n(py + best[1] * 0.6), MUTED,
            ))  # fmt: skip
        parts.append(_label(px + best[0], py + best[1] + 0.35 * size, text, size, "middle",
                            weight="bold"))  # fmt: skip
    return parts


# 2. A radar: several axes from the centre (1) to the rim (5).


@dataclass(frozen=True)
class Axis:
    label: str
    now: float | None
    before: float | None = None


RADIUS = 130


def radar(axes: list[Axis], chart_id: str, title: str, desc: str) -> SafeString | None:
    """A radar of this round (solid, filled) and the previous one (dashed); None with fewer
    than three axes, where a radar shows nothing a table does not."""
    if len(axes) < 3:
        return None
    label_room = 120
    cx, cy = RADIUS + label_room, RADIUS + 40
    width, height = 2 * (RADIUS + label_room), 2 * RADIUS + 84

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / len(axes)
        distance = (value - 1) / 4 * RADIUS
        return cx + distance * math.cos(angle), cy + distance * math.sin(angle)

    def outline(values: list[float]) -> str:
        return " ".join(f"{_n(px)},{_n(py)}" for px, py in
                        (point(i, v) for i, v in enumerate(values)))  # fmt: skip

    parts = []
    for ring in range(2, 6):
        parts.append(format_html('<polygon points="{}" fill="none" stroke="{}"/>',
                                 outline([ring] * len(axes)), LINE))  # fmt: skip
        rx, ry = point(0, ring)
        parts.append(_label(rx + 4, ry + 4, str(ring), 10, fill=MUTED))
    for index, axis in enumerate(axes):
        ex, ey = point(index, 5)
        parts.append(format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>',
                                 _n(cx), _n(cy), _n(ex), _n(ey), LINE))  # fmt: skip
        lx, ly = point(index, 5.5)
        anchor = "middle" if abs(lx - cx) < 8 else ("start" if lx > cx else "end")
        lines = _wrap(axis.label, 16)
        top = ly + 4 - 7 * (len(lines) - 1) + (7 if ly > cy + 8 else 0) * (len(lines) - 1)
        for number, line in enumerate(lines):
            parts.append(_label(lx, top + 14 * number, line, 12, anchor))
    for values, style in (([a.before for a in axes], "before"), ([a.now for a in axes], "now")):
        if all(value is None for value in values):
            continue
        if None not in values:
            if style == "before":
                parts.append(format_html(
                    '<polygon points="{}" fill="none" stroke="{}" stroke-width="2" '
                    'stroke-dasharray="6 4"/>', outline(values), PREVIOUS,
                ))  # fmt: skip
            else:
                parts.append(format_html(
                    '<polygon points="{}" fill="{}" fill-opacity="0.18" stroke="{}" '
                    'stroke-width="2.5"/>', outline(values), CURRENT, CURRENT,
                ))  # fmt: skip
        for index, value in enumerate(values):
            if value is None:
                continue
            px, py = point(index, value)
            if style == "before":
                parts.append(format_html(
                    '<rect x="{}" y="{}" width="7" height="7" fill="#ffffff" stroke="{}" '
                    'stroke-width="1.5"/>', _n(px - 3.5), _n(py - 3.5), PREVIOUS,
                ))  # fmt: skip
            else:
                parts.append(format_html('<circle cx="{}" cy="{}" r="4" fill="{}"/>',
                                         _n(px), _n(py), CURRENT))  # fmt: skip
    return _svg(chart_id, width, height, title, desc, _join(parts))


def level_radar(levels, chart_id: str) -> SafeString | None:
    axes = [Axis(level.label, level.all.mean_now, level.before_now) for level in levels]
    return radar(
        axes,
        chart_id,
        _("How it stands now, per level"),
        _(
            "A radar with one axis per level, from 1 in the centre to 5 at the rim: the solid "
            "line is this round, the dashed line the previous round."
        ),
    )


def statement_radar(level, chart_id: str) -> SafeString | None:
    axes = [Axis(str(row.number), row.all.mean_now, row.before_now) for row in level.statements]
    return radar(
        axes,
        chart_id,
        _("How it stands now: %(level)s") % {"level": level.label},
        _(
            "A radar with one axis per statement of this level, by its number, from 1 in the "
            "centre to 5 at the rim: the solid line is this round, the dashed line the "
            "previous round."
        ),
    )


# 3. The heat map: statement × sector, the mean of now in each cell.

LABEL_WIDTH = 250
CELL_WIDTH = 92
CELL_HEIGHT = 24
HEAD = 44


def step_of(value: float) -> tuple[str, str]:
    fill, ink = STEPS[0][1:]
    for start, step_fill, step_ink in STEPS:
        if value >= start - 1e-9:
            fill, ink = step_fill, step_ink
    return fill, ink


def heat_map(
    rows: list[StatementRow], columns: list[Group], chart_id: str = "sr-heat"
) -> SafeString:
    parts, frames = [], []  # the frames last, so that no later cell covers them
    for index, group in enumerate(columns):
        x = LABEL_WIDTH + index * CELL_WIDTH + CELL_WIDTH / 2
        parts.append(_label(x, 16, _short(str(group.label), 13), 12, "middle", weight="bold"))
        parts.append(_label(x, 33, f"n = {group.respondents}", 11, "middle", fill=MUTED))
    for line, row in enumerate(rows):
        y = HEAD + line * CELL_HEIGHT
        sign = f"{DISAGREE} " if row.disagrees else ""
        parts.append(_label(4, y + 16, f"{sign}{row.number}. {_short(row.text, 30)}", 11,
                            weight="bold" if row.disagrees else "normal"))  # fmt: skip
        for index, group in enumerate(columns):
            figures = row.all if group.key == "all" else row.by_group.get(group.key)
            x = LABEL_WIDTH + index * CELL_WIDTH
            if figures is None or figures.mean_now is None:
                parts.append(format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="#ffffff" stroke="{}"/>',
                    _n(x), _n(y), CELL_WIDTH, CELL_HEIGHT, LINE,
                ))  # fmt: skip
                continue
            fill, ink = step_of(figures.mean_now)
            parts.append(format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#ffffff"/>',
                _n(x), _n(y), CELL_WIDTH, CELL_HEIGHT, fill,
            ))  # fmt: skip
            parts.append(_label(x + CELL_WIDTH / 2, y + 16, decimal(figures.mean_now), 12,
                                "middle", fill=ink, weight="bold"))  # fmt: skip
        if row.disagrees:
            frames.append(format_html(
                '<rect x="2" y="{}" width="{}" height="{}" fill="none" stroke="{}" '
                'stroke-width="2"/>',
                _n(y + 1), _n(LABEL_WIDTH + len(columns) * CELL_WIDTH - 3), CELL_HEIGHT - 2, INK,
            ))  # fmt: skip
    return _svg(
        chart_id,
        LABEL_WIDTH + len(columns) * CELL_WIDTH + 4,
        HEAD + len(rows) * CELL_HEIGHT + 4,
        _("How it stands now, per statement and sector"),
        _(
            "One row per statement and one column per sector: each cell prints the average of "
            "how it stands now, darker as it is higher. Rows marked %(sign)s and framed are "
            "where the sectors see it most differently."
        )
        % {"sign": DISAGREE},
        _join(parts + frames),
    )


def step_legend() -> list[tuple[str, str, str]]:
    """(fill, ink, range) for the legend of the heat map."""
    legend = []
    for index, (start, fill, ink) in enumerate(STEPS):
        end = STEPS[index + 1][0] if index + 1 < len(STEPS) else 5.0
        legend.append((fill, ink, f"{decimal(start)} – {decimal(end)}"))
    return legend
