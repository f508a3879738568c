"""Small numbers: which counts of a report to hide, so that no child or family can be singled out.

A count below *k* (0 included) is hidden. A line of cells whose total is shown must then not
let anyone work a hidden cell out: with one hidden cell the total gives it away, and when the
shown cells add up to the total every hidden cell must be 0. In both cases the smallest other
shown cell of the line is hidden as well, and so on until nothing changes. With two or more
hidden cells that share a remainder above 0, each of them could be anything from 0 to that
remainder.

Every hidden cell reads `<k`, also one hidden to protect another (which may be larger), so
that nobody can tell which of them is the small one.

This module knows nothing of the database or of Django; keys are any hashable names.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """Cells that add up to a total, such as a domain's four cells and its number of children.
    Without a total the line protects nothing and needs no protection beyond its own cells."""

    cells: tuple[Hashable, ...]
    total: Hashable | None = None


def hidden_keys(values: Mapping[Hashable, int], lines: Iterable[Line], k: int) -> frozenset:
    """The keys of `values` to hide. Every line's cells and total must be keys of `values`."""
    if k < 1:
        raise ValueError("k is at least 1")
    lines = list(lines)
    hidden = {key for key, value in values.items() if value < k}
    changed = True
    while changed:
        changed = False
        for line in lines:
            extra = _to_hide(line, values, hidden)
            if extra is not None:
                hidden.add(extra)
                changed = True
    return frozenset(hidden)


def _to_hide(line: Line, values: Mapping, hidden: set) -> Hashable | None:
    """The next key this line needs hidden, or None when it gives nothing away."""
    if line.total is None or line.total in hidden:
        return None
    covered = [cell for cell in line.cells if cell in hidden]
    if not covered:
        return None
    shown = [cell for cell in line.cells if cell not in hidden]
    remainder = values[line.total] - sum(values[cell] for cell in shown)
    if len(covered) >= 2 and remainder > 0:
        return None
    if not shown:
        return line.total  # a line of one cell: its total is that cell
    return min(shown, key=lambda cell: (values[cell], line.cells.index(cell)))


def can_work_out(line: Line, values: Mapping, hidden: frozenset | set) -> bool:
    """Whether someone who sees the shown counts of this line can work out a hidden cell
    exactly, knowing only that counts are whole numbers of 0 or more."""
    if line.total is None or line.total in hidden:
        return False
    covered = [cell for cell in line.cells if cell in hidden]
    if not covered:
        return False
    remainder = values[line.total] - sum(values[c] for c in line.cells if c not in hidden)
    return len(covered) == 1 or remainder == 0


def share(part: int, whole: int, part_hidden: bool, whole_hidden: bool) -> float | None:
    """A percentage with one decimal, or None where it would rest on a hidden count."""
    if part_hidden or whole_hidden or whole <= 0:
        return None
    return round(100 * part / whole, 1)
