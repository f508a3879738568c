"""An indicator's trend: the baseline, its figure per period and the target, as a table and as
a line chart drawn on the server.

Everything here starts from `values.shown`, so a figure hidden under the `<k` rule is gone
before the table, the chart or a change is worked out: a hidden point is not drawn, it does
not stretch the axis, and no change is computed to or from it.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from rondom.insights.periods import half_year_label
from rondom.networks.access import min_cell_of
from rondom.networks.models import Network

from .models import Better, Indicator, Period, PeriodValue
from .values import Shown, shown

BETTER, WORSE, SAME = "better", "worse", "same"


def period_label(period: Period) -> str:
    """ "2026 eerste helft" for the first half of 2026."""
    return str(half_year_label(f"{period.year}-{period.half}"))


def number_text(value: Decimal) -> str:
    """A number as the figures print it: no trailing zeros, a decimal comma."""
    return Shown(value=value, hidden=False, k=0, frozen_at=None).text


@dataclass(frozen=True)
class Change:
    """The difference with the previous period, and whether that is for the better."""

    delta: Decimal
    verdict: str  # BETTER, WORSE or SAME

    @property
    def text(self) -> str:
        if self.delta == 0:
            return "0"
        return ("+" if self.delta > 0 else "−") + number_text(abs(self.delta))

    @property
    def verdict_text(self) -> str:
        return {BETTER: _("better"), WORSE: _("worse"), SAME: _("unchanged")}[self.verdict]


def change_between(before: Shown | None, now: Shown, better: str) -> Change | None:
    """The change from `before` to `now`; None where either is hidden or unknown."""
    if before is None or before.value is None or now.value is None:
        return None
    delta = now.value - before.value
    if delta == 0:
        return Change(delta, SAME)
    up_is_good = better == Better.HIGHER
    return Change(delta, BETTER if (delta > 0) == up_is_good else WORSE)


@dataclass(frozen=True)
class Point:
    period: Period
    label: str
    figure: Shown
    change: Change | None
    has_value: bool  # a figure is stored for the period (shown, hidden or empty)
    change_hidden: bool = False  # no change: this figure or the one before is hidden

    @property
    def frozen_text(self) -> str:
        if not self.has_value:
            return ""
        if self.figure.frozen_at is not None:
            day = formats.date_format(timezone.localtime(self.figure.frozen_at).date(), "j-n-Y")
            return _("frozen on %(date)s") % {"date": day}
        return _("provisional, not frozen yet")


@dataclass(frozen=True)
class Trend:
    indicator: Indicator
    k: int
    points: tuple[Point, ...]

    @property
    def baseline(self) -> Decimal | None:
        return self.indicator.baseline

    @property
    def baseline_text(self) -> str:
        return "–" if self.baseline is None else number_text(self.baseline)

    @property
    def target_text(self) -> str:
        return number_text(self.indicator.target)

    @property
    def any_hidden(self) -> bool:
        return any(point.figure.hidden for point in self.points)

    def point_for(self, period: Period) -> Point | None:
        return next((point for point in self.points if point.period.pk == period.pk), None)


def periods_of(network: Network) -> list[Period]:
    return list(Period.objects.filter(network=network).order_by("year", "half"))


def _in_run(indicator: Indicator, period: Period) -> bool:
    """Whether the half-year overlaps the time the joint agreement runs."""
    agreement = indicator.joint_agreement
    first_month, last_month = (1, 6) if period.half == 1 else (7, 12)
    ends_before_start = (period.year, last_month) < (
        agreement.starts_on.year,
        agreement.starts_on.month,
    )
    starts_after_end = agreement.ends_on is not None and (period.year, first_month) > (
        agreement.ends_on.year,
        agreement.ends_on.month,
    )
    return not (ends_before_start or starts_after_end)


def build_trend(
    indicator: Indicator, periods: list[Period], values: dict[int, PeriodValue], k: int
) -> Trend:
    """The trend over the periods the agreement runs in, and any other period with a figure.

    `values` maps a period's id to this indicator's stored figure."""
    points, before = [], None
    for period in periods:
        stored = values.get(period.pk)
        if stored is None and not _in_run(indicator, period):
            continue
        figure = shown(stored, k)
        points.append(
            Point(
                period=period,
                label=period_label(period),
                figure=figure,
                change=change_between(before, figure, indicator.better),
                has_value=stored is not None,
                change_hidden=figure.hidden or (before is not None and before.hidden),
            )
        )
        before = figure
    return Trend(indicator, k, tuple(points))


def trends_for(
    indicators: Iterable[Indicator], network: Network, periods: list[Period] | None = None
) -> dict[int, Trend]:
    """The trend of each indicator of the network, in two queries however many there are
    (one when the periods are given). The indicators need their joint agreement loaded."""
    indicators = list(indicators)
    periods = periods_of(network) if periods is None else periods
    by_indicator: dict[int, dict[int, PeriodValue]] = defaultdict(dict)
    if indicators and periods:
        stored = PeriodValue.objects.filter(
            indicator__in=[indicator.pk for indicator in indicators],
            period__in=[period.pk for period in periods],
        )
        for value in stored:
            by_indicator[value.indicator_id][value.period_id] = value
    k = min_cell_of(network)
    return {
        indicator.pk: build_trend(indicator, periods, by_indicator[indicator.pk], k)
        for indicator in indicators
    }


# The chart.

INK = "#1a1a1a"
MUTED = "#4f5360"
GRID = "#d5d9e0"
LINE = "#1d4e89"
TARGET = "#8c1d18"
WIDTH = 640
LEFT, RIGHT, TOP, BOTTOM = 56, 24, 30, 58
PLOT_HEIGHT = 200


def _n(number: float) -> str:
    return f"{number:.1f}"


def _text(x: float, y: float, text: str, *, size: int = 12, anchor: str = "middle",
          fill: str = INK, weight: str = "normal") -> str:  # fmt: skip
    return format_html(
        '<text x="{}" y="{}" font-size="{}" text-anchor="{}" fill="{}" font-weight="{}">{}'
        "</text>",
        _n(x), _n(y), size, anchor, fill, weight, text,
    )  # fmt: skip


def _ticks(low: float, high: float) -> list[float]:
    """Four to eight round values from at or below `low` to at or above `high`."""
    span = high - low
    step = 1.0
    for candidate in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
        step = float(candidate)
        if span / step <= 6:
            break
    else:
        while span / step > 6:
            step *= 10
    first = (low // step) * step
    ticks = [first]
    while ticks[-1] < high - 1e-9:
        ticks.append(ticks[-1] + step)
    return ticks


def _split_label(label: str) -> list[str]:
    """A period's label on two lines: the year, then which half."""
    year, _space, rest = label.partition(" ")
    return [year, rest] if rest else [year]


def trend_chart(trend: Trend, chart_id: str) -> SafeString:
    """The line of the shown figures per period, the baseline before them and the target
    across: an image with a title and a description; the table beside it holds the same."""
    slots: list[tuple[list[str], Shown | None, str]] = []  # (label lines, figure, kind)
    if trend.baseline is not None:
        base = Shown(value=trend.baseline, hidden=False, k=trend.k, frozen_at=None)
        slots.append(([_("baseline")], base, "baseline"))
    for point in trend.points:
        slots.append((_split_label(point.label), point.figure, "period"))
    known = [float(figure.value) for _lines, figure, _kind in slots
             if figure is not None and figure.value is not None]  # fmt: skip
    target = float(trend.indicator.target)
    low, high = min([*known, target]), max([*known, target])
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    ticks = _ticks(low, high)
    low, high = ticks[0], ticks[-1]
    slot_width = (WIDTH - LEFT - RIGHT) / max(len(slots), 1)
    height = TOP + PLOT_HEIGHT + BOTTOM

    def x(index: int) -> float:
        return LEFT + slot_width * (index + 0.5)

    def y(value: float) -> float:
        return TOP + PLOT_HEIGHT * (high - value) / (high - low)

    parts = []
    for tick in ticks:
        parts.append(format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
            LEFT, _n(y(tick)), WIDTH - RIGHT, _n(y(tick)), GRID,
        ))  # fmt: skip
        label = number_text(Decimal(str(round(tick, 6))))
        parts.append(_text(LEFT - 8, y(tick) + 4, label, size=11, anchor="end", fill=MUTED))
    # The target: a dashed line across, named at its start so it needs no colour to be read.
    parts.append(format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" '
        'stroke-dasharray="8 5"/>',
        LEFT, _n(y(target)), WIDTH - RIGHT, _n(y(target)), TARGET,
    ))  # fmt: skip
    target_words = _("target %(value)s (%(better)s)") % {
        "value": trend.target_text,
        "better": trend.indicator.get_better_display(),
    }
    above = y(target) - 6 if y(target) - 6 > TOP - 14 else y(target) + 14
    parts.append(_text(LEFT + 4, above, target_words, size=11, anchor="start", fill=TARGET))
    # The line joins neighbouring shown figures only: it breaks at a hidden or missing one.
    previous = None
    for index, (_lines, figure, kind) in enumerate(slots):
        current = None
        if figure is not None and figure.value is not None and kind == "period":
            current = (x(index), y(float(figure.value)))
        if previous is not None and current is not None:
            parts.append(format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2.5"/>',
                _n(previous[0]), _n(previous[1]), _n(current[0]), _n(current[1]), LINE,
            ))  # fmt: skip
        previous = current
    for index, (lines, figure, kind) in enumerate(slots):
        for number, line in enumerate(lines):
            parts.append(_text(x(index), TOP + PLOT_HEIGHT + 18 + 14 * number, line, size=11))
        if figure is None:
            continue
        if figure.hidden:
            parts.append(_text(x(index), TOP + PLOT_HEIGHT - 8, figure.text, size=11,
                               fill=MUTED, weight="bold"))  # fmt: skip
            continue
        if figure.value is None:
            continue
        px, py = x(index), y(float(figure.value))
        if kind == "baseline":
            parts.append(format_html(
                '<rect x="{}" y="{}" width="10" height="10" fill="#ffffff" stroke="{}" '
                'stroke-width="2"/>', _n(px - 5), _n(py - 5), MUTED,
            ))  # fmt: skip
        else:
            parts.append(format_html('<circle cx="{}" cy="{}" r="5" fill="{}"/>',
                                     _n(px), _n(py), LINE))  # fmt: skip
        label_y = py - 10 if py - 10 > 14 else py + 20
        parts.append(_text(px, label_y, figure.text, size=12, weight="bold"))
    return format_html(
        '<svg class="mst-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" role="img" aria-labelledby="{id}-title {id}-desc" '
        'font-family="DejaVu Sans, sans-serif">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        w=WIDTH,
        h=height,
        id=chart_id,
        title=_("Trend of %(name)s") % {"name": trend.indicator.name},
        desc=describe(trend),
        body=mark_safe("".join(parts)),  # every part is built with format_html
    )


def describe(trend: Trend) -> str:
    """The chart in words, for whoever cannot see it."""
    said = []
    if trend.baseline is not None:
        said.append(_("baseline %(value)s") % {"value": trend.baseline_text})
    for point in trend.points:
        said.append(f"{point.label}: {point.figure.text}")
    sentence = "; ".join(said) or _("no figures yet")
    text = _("A line of the figure per period. %(points)s. The dashed line is the target, "
             "%(target)s; %(better)s.") % {
        "points": sentence,
        "target": trend.target_text,
        "better": trend.indicator.get_better_display(),
    }  # fmt: skip
    if trend.any_hidden:
        text += " " + hidden_note(trend.k)
    return text


def hidden_note(k: int) -> str:
    return _(
        "A figure with fewer than %(k)s cases, children or answers behind it shows as <%(k)s "
        "and is not drawn, so that nobody can work out who is behind it."
    ) % {"k": k}
