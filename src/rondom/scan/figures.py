"""What a group's answers to a statement come to, and how the page prints it. Each figure
shows only where at least k answers stand behind it."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .priorities import priority
from .sums import Sums


def min_respondents() -> int:
    return max(1, int(settings.SCAN_MIN_RESPONDENTS))


def quadrant_of(now: float, importance: float) -> str:
    """Which quarter of the grid of importance against now, split at 3 on both scales."""
    if importance >= 3:
        return _("important, and going well") if now >= 3 else _("important, not going well yet")
    return _("going well, less important") if now >= 3 else _("less important, not going well")


def _mean(total: int, count: int) -> float | None:
    return total / count if count else None


def decimal(value: float | None) -> str:
    """A mean as the page prints it: one decimal, in the language's own notation."""
    return "–" if value is None else number_format(round(value, 1), 1)


def signed(value: float | None) -> str:
    if value is None:
        return ""
    shown = round(value, 1)
    if shown == 0:
        return number_format(0.0, 1)
    return ("+" if shown > 0 else "−") + number_format(abs(shown), 1)


def percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


@dataclass(frozen=True)
class Figures:
    """What a group's answers to a statement (or a level) come to."""

    n: int
    mean_now: float | None
    dont_know: int
    mean_importance: float | None
    act_share: float | None

    @classmethod
    def of(cls, sums: Sums) -> "Figures":
        """Each figure only where at least k answers stand behind it: five people in a group
        of whom four chose *weet ik niet*, or left a question open, would otherwise show the
        fifth person's own answer."""
        k = min_respondents()
        n = sums.now_count + sums.dont_know_count
        return cls(
            n=n,
            mean_now=_mean(sums.now_sum, sums.now_count) if sums.now_count >= k else None,
            dont_know=sums.dont_know_count,
            mean_importance=_mean(sums.importance_sum, sums.importance_count)
            if sums.importance_count >= k
            else None,
            act_share=_mean(sums.act_yes, sums.act_count) if sums.act_count >= k else None,
        )

    @property
    def now_text(self) -> str:
        return decimal(self.mean_now)

    @property
    def importance_text(self) -> str:
        return decimal(self.mean_importance)

    @property
    def act_text(self) -> str:
        return percent(self.act_share)

    @property
    def dont_know_share(self) -> float | None:
        return _mean(self.dont_know, self.n) if self.n >= min_respondents() else None

    @property
    def dont_know_text(self) -> str:
        return percent(self.dont_know_share)

    @property
    def priority(self) -> float | None:
        if None in (self.mean_now, self.mean_importance, self.act_share):
            return None
        return priority(self.mean_importance, self.mean_now, self.act_share)


@dataclass
class Change:
    """How a statement or level moved since the previous round."""

    now: float | None = None
    importance: float | None = None
    is_new: bool = False

    @property
    def now_text(self) -> str:
        return _("new") if self.is_new else signed(self.now)

    @property
    def importance_text(self) -> str:
        return _("new") if self.is_new else signed(self.importance)
