"""How an indicator's figure for a period is shown: the number, or `<k` when fewer than k
cases, children or answers stand behind it.

Each figure of the monitor is a single number per indicator and period. Where it is also a
cell of the insight report (a domain's questions without help, a party's satisfied answers),
the catalogue stores as its count the smallest count it would give away, so a figure is
hidden wherever the report hides it, also as a second hidden cell. A figure entered by hand
comes from a public source (the gemeente, the CBS) and has no count.
A hidden value is replaced before it reaches a template, a chart, a PDF or the API.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from .models import PeriodValue


@dataclass(frozen=True)
class Shown:
    value: Decimal | None  # None when hidden or not known
    hidden: bool
    k: int
    frozen_at: datetime | None
    source_note: str = ""

    @property
    def text(self) -> str:
        if self.hidden:
            return f"<{self.k}"
        if self.value is None:
            return "–"
        return _plain(self.value)


def _plain(value: Decimal) -> str:
    """A number as a Dutch reader writes it: no trailing zeros, a decimal comma."""
    if value == value.to_integral():
        return format(value.to_integral(), "f")
    return format(value.quantize(Decimal("0.1"), ROUND_HALF_UP), "f").replace(".", ",")


def is_hidden(count: int | None, k: int) -> bool:
    return count is not None and count < k


def shown(period_value: PeriodValue | None, k: int) -> Shown:
    """What the page, the chart, the PDF and the API may show of a stored figure."""
    if period_value is None:
        return Shown(value=None, hidden=False, k=k, frozen_at=None)
    hidden = is_hidden(period_value.count, k)
    return Shown(
        value=None if hidden else period_value.value,
        hidden=hidden,
        k=k,
        frozen_at=period_value.frozen_at,
        source_note=period_value.source_note,
    )
