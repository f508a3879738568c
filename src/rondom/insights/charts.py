"""Charts drawn on the server as SVG, for the page and the PDF alike.

A chart only repeats its table, which is the truth for screen readers, so it is hidden from
them. A hidden count is never drawn to size: the hidden cells of a bar share one grey,
hatched part without a label, as wide as what the shown cells leave of the total.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from .report import Row

WIDTH = 640
LABEL_WIDTH = 200
BAR_WIDTH = WIDTH - LABEL_WIDTH - 10
BAR_HEIGHT = 26
GAP = 10
# Colours that stay apart in greys when printed in black and white, with a readable text
# colour on each.
CELL_COLOURS = {
    "both": ("#1d4e89", "#ffffff"),
    "question_only": ("#b3261e", "#ffffff"),
    "help_only": ("#f2b84b", "#1a1a1a"),
    "neither": ("#dfe3ea", "#1a1a1a"),
    "satisfied": ("#2e6b30", "#ffffff"),
    "partly": ("#f2b84b", "#1a1a1a"),
    "not_satisfied": ("#b3261e", "#ffffff"),
}
HATCH = "#8a8f99"


def stacked_bars(rows: list[Row], chart_id: str) -> SafeString:
    """One bar per row: its shown cells to scale, the hidden ones together as one hatched part."""
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    parts = []
    for n, row in enumerate(rows):
        y = GAP + n * (BAR_HEIGHT + GAP)
        parts.append(
            format_html(
                '<text x="0" y="{}" class="ins-chart-label">{}</text>',
                _n(y + BAR_HEIGHT * 0.68),
                _short(str(row.label)),
            )
        )
        parts.append(_bar(row, y, chart_id))
    return format_html(
        '<svg class="ins-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" aria-hidden="true" focusable="false">'
        '<defs><pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#eceef2"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="{hatch}" stroke-width="2"/></pattern></defs>'
        "{parts}</svg>",
        w=WIDTH,
        h=height,
        id=chart_id,
        hatch=HATCH,
        parts=mark_safe("".join(parts)),  # each part is built with format_html
    )


def _n(number: float) -> str:
    return f"{number:.1f}"


def _short(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _bar(row: Row, y: float, chart_id: str) -> str:
    total = row.total
    if total is None or total.hidden or not total.value:
        # Nothing to scale by: the table says why.
        return format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="url(#{}-hatch)"/>',
            LABEL_WIDTH, y, BAR_WIDTH, BAR_HEIGHT, chart_id,
        )  # fmt: skip
    x = float(LABEL_WIDTH)
    segments = []
    for cell in row.cells:
        if cell.hidden:
            continue
        width = BAR_WIDTH * cell.value / total.value
        fill, ink = CELL_COLOURS[cell.key[-1]]
        segments.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                _n(x),
                y,
                _n(width),
                BAR_HEIGHT,
                fill,
            )  # fmt: skip
        )
        if width >= 28:
            segments.append(
                format_html(
                    '<text x="{}" y="{}" fill="{}" class="ins-chart-value">{}</text>',
                    _n(x + 5),
                    _n(y + BAR_HEIGHT * 0.68),
                    ink,
                    cell.text,
                )  # fmt: skip
            )
        x += width
    rest = LABEL_WIDTH + BAR_WIDTH - x
    if rest > 0.05:
        segments.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="url(#{}-hatch)"/>',
                _n(x),
                y,
                _n(rest),
                BAR_HEIGHT,
                chart_id,
            )  # fmt: skip
        )
    return format_html_join("", "{}", ((segment,) for segment in segments))


def legend_items(keys, labels) -> list[tuple[str, str]]:
    """(colour, label) for the legend under a chart; the hatched part is explained apart."""
    return [(CELL_COLOURS[key][0], labels[key]) for key in keys]
