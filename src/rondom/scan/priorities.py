"""Which statements to work on first: the priority of a statement, and the top 10.

A statement is more urgent the more important people find it, the further it stands from the
top of the scale now, and the more of them want to work on it. Each part weighs the same, so
the priority is their product: 0 when nobody wants to act or it already stands at 5, and 5
when everyone finds it very important, it stands at 1, and everyone wants to act.
"""

from collections.abc import Callable, Iterable

from django.utils.translation import gettext_lazy as _

# The sentence the results page and the PDF print under the priorities.
EXPLAINED = _(
    "Priority = average importance × the distance of “now” to the top of the scale (5 − "
    "average now, divided by 4) × the share that wants to work on it; so the more important, "
    "the lower now and the more people want to act, the higher it comes."
)

TOP = 10


def priority(importance: float, now: float, act_share: float) -> float:
    """Mean importance (1–5) × distance to the top as a share (0 at 5, 1 at 1) × share (0–1)."""
    return importance * (5 - now) / 4 * act_share


def top_priorities[Item](
    items: Iterable[Item], score: Callable[[Item], float | None], code: Callable[[Item], str]
) -> list[Item]:
    """The ten items with the highest priority above 0; equal priorities in order of code.

    Priorities are compared rounded, so that two that are equal on paper stay equal after
    floating-point arithmetic and fall back on the code.
    """
    scored = [(round(value, 9), item) for item in items if (value := score(item))]
    scored.sort(key=lambda pair: (-pair[0], code(pair[1])))
    return [item for _value, item in scored[:TOP]]
