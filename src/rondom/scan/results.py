"""The results of a round: sums per statement and sector, and what may be shown of them.

Everything starts from sums, never from one person's answers: per (statement, sector) the
counts and sums of the scores, from one GROUP BY over the answers, or from the stored
`StatementResult` rows once the answers are deleted. Means, shares, levels, the pooling of
small sectors, the change since the previous round and the disagreement between sectors are
all worked out from those sums, so the page looks the same before and after the answers go.

What is shown (`SCAN_MIN_RESPONDENTS`, k = 5):
- nothing while the round is open, because the figures would change with each new answer and
  the difference would be that one person's answers;
- nothing before k people have answered in total;
- per audience (professionals, parents) only when k of them answered;
- a sector's own column only when k of its people answered; the smaller sectors are pooled as
  "overig". When that pool stays under k, the smallest sector that would be shown joins it,
  again until the pool reaches k or nothing is left to show apart: otherwise the pool's
  figures would follow from "alle" minus the shown sectors.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .figures import Change, Figures, decimal, min_respondents, quadrant_of
from .models import (
    LEVELS_OF,
    Audience,
    Level,
    Round,
    Sector,
    Statement,
)
from .priorities import top_priorities
from .sums import Sums, collect, count_respondents

# Strengths: the highest mean now, from this mean on, at most this many.
STRENGTH_FROM = 4.0
STRENGTHS_SHOWN = 5
# Weak points: low now, high importance.
WEAK_BELOW = 3.0
WEAK_IMPORTANCE_FROM = 4.0
# Disagreement: the largest spreads of the sector means, from this spread on.
SPREAD_FROM = 1.0
DISAGREEMENTS_SHOWN = 5

POOL = "pooled"
ALL = "all"
AUDIENCES = [Audience.PROFESSIONAL, Audience.PARENT]
SECTORS = list(Sector.values)


@dataclass(frozen=True)
class Group:
    """A column of the results: one sector, the pool of the smaller ones, or everyone."""

    key: str
    label: str
    sectors: tuple[str, ...]
    respondents: int


@dataclass
class StatementRow:
    statement: Statement
    number: int
    all: Figures
    by_group: dict[str, Figures]
    change: Change | None = None
    before_now: float | None = None  # the previous round's mean now, where it was shown
    spread: float | None = None
    disagrees: bool = False

    @property
    def code(self) -> str:
        return self.statement.code

    @property
    def level(self) -> str:
        return self.statement.level

    @property
    def audience(self) -> str:
        return self.statement.audience

    @cached_property
    def text(self) -> str:
        return self.statement.shown_text

    @property
    def priority(self) -> float | None:
        return self.all.priority

    @property
    def priority_text(self) -> str:
        value = self.priority
        return "–" if value is None else number_format(round(value, 2), 2)

    @property
    def spread_text(self) -> str:
        return decimal(self.spread)

    @property
    def previous_text(self) -> str:
        return decimal(self.before_now)

    @property
    def quadrant(self) -> str:
        if self.all.mean_now is None or self.all.mean_importance is None:
            return ""
        return quadrant_of(self.all.mean_now, self.all.mean_importance)


@dataclass
class LevelRow:
    level: str
    audience: str
    all: Figures
    statements: list[StatementRow]
    change: Change | None = None
    before_now: float | None = None

    @property
    def label(self) -> str:
        return str(Level(self.level).label)

    @property
    def previous_text(self) -> str:
        return decimal(self.before_now)


@dataclass
class Part:
    """One audience's results: the professionals', or the parents'."""

    audience: str
    respondents: int
    k: int
    groups: list[Group] = field(default_factory=list)  # shown apart; the pool last, if any
    levels: list[LevelRow] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.respondents >= self.k

    @property
    def needed(self) -> int:
        return max(0, self.k - self.respondents)

    @property
    def label(self) -> str:
        return str(Audience(self.audience).label)

    @property
    def all_group(self) -> Group:
        return Group(ALL, _("all"), (), self.respondents)

    @property
    def columns(self) -> list[Group]:
        """The heat map's columns: the sectors shown apart, the pool, then everyone."""
        return [*self.groups, self.all_group]

    @property
    def statements(self) -> list["StatementRow"]:
        return [row for level in self.levels for row in level.statements]


class State:
    OPEN = "open"  # the round has not closed yet
    TOO_FEW = "too_few"  # fewer than k answered in total
    SHOWN = "shown"


@dataclass
class Results:
    round: Round
    k: int
    respondents: int
    state: str
    parts: list[Part] = field(default_factory=list)
    statements: list[StatementRow] = field(default_factory=list)
    previous: Round | None = None

    @property
    def shown(self) -> bool:
        return self.state == State.SHOWN

    @property
    def needed(self) -> int:
        return max(0, self.k - self.respondents)

    @cached_property
    def asked(self) -> list[Statement]:
        """Every statement of the round, shown or not."""
        return round_statements(self.round)

    @property
    def version(self) -> str:
        return self.round.instrument.version

    @property
    def shown_parts(self) -> list[Part]:
        return [part for part in self.parts if part.shown]

    @property
    def hidden_parts(self) -> list[Part]:
        """Audiences that answered, but too few to show."""
        return [part for part in self.parts if part.respondents and not part.shown]

    @property
    def levels(self) -> list[LevelRow]:
        return [level for part in self.shown_parts for level in part.levels]

    @property
    def compared_part(self) -> "Part | None":
        """The audience whose sectors the heat map compares: the professionals. Parents answer
        statements of their own, in one sector, so there is nothing to set beside them."""
        return next((p for p in self.shown_parts if p.audience == Audience.PROFESSIONAL), None)

    @cached_property
    def strengths(self) -> list[StatementRow]:
        strong = [
            row
            for row in self.statements
            if row.all.mean_now is not None and row.all.mean_now >= STRENGTH_FROM
        ]
        strong.sort(key=lambda row: (-round(row.all.mean_now, 9), row.code))
        return strong[:STRENGTHS_SHOWN]

    @cached_property
    def weak_points(self) -> list[StatementRow]:
        weak = [
            row
            for row in self.statements
            if row.all.mean_now is not None
            and row.all.mean_importance is not None
            and row.all.mean_now < WEAK_BELOW
            and row.all.mean_importance >= WEAK_IMPORTANCE_FROM
        ]
        weak.sort(key=lambda row: (round(row.all.mean_now, 9), row.code))
        return weak

    @cached_property
    def priorities(self) -> list[StatementRow]:
        return top_priorities(self.statements, lambda row: row.priority, lambda row: row.code)

    @cached_property
    def disagreements(self) -> list[StatementRow]:
        return [row for row in self.statements if row.disagrees]

    @property
    def has_change(self) -> bool:
        return self.previous is not None


def round_statements(round: Round) -> list[Statement]:
    """The round's statements in the order of the page: per audience and level, the
    instrument's first and the network's own after them. One query."""
    own = Round.own_statements.through.objects.filter(round_id=round.pk).values("statement_id")
    statements = list(
        Statement.objects.filter(Q(instrument_id=round.instrument_id) | Q(pk__in=own))
    )

    def order(statement: Statement) -> tuple:
        audience = AUDIENCES.index(statement.audience)
        levels = LEVELS_OF[statement.audience]
        level = levels.index(statement.level) if statement.level in levels else len(levels)
        return (audience, level, statement.is_own, statement.position, statement.pk)

    return sorted(statements, key=order)


def audience_groups(respondents: dict[str, int], sectors: list[str], k: int) -> list[Group]:
    """The sectors of one audience shown apart, and the pool of the others when it may be."""
    count = {sector: respondents.get(sector, 0) for sector in sectors}
    apart = [sector for sector in sectors if count[sector] >= k]
    pooled = [sector for sector in sectors if 0 < count[sector] < k]
    while pooled and apart and sum(count[s] for s in pooled) < k:
        smallest = min(apart, key=lambda sector: (count[sector], sectors.index(sector)))
        apart.remove(smallest)
        pooled.append(smallest)
    groups = [
        Group(sector, str(Sector(sector).label), (sector,), count[sector]) for sector in apart
    ]
    pool_size = sum(count[s] for s in pooled)
    # A pool of everyone says no more than "alle" does.
    if pooled and pool_size >= k and apart:
        ordered = tuple(sorted(pooled, key=sectors.index))
        groups.append(Group(POOL, _("other sectors"), ordered, pool_size))
    return groups


def _sectors_of(audience: str) -> list[str]:
    if audience == Audience.PARENT:
        return [Sector.PARENT]
    return [sector for sector in SECTORS if sector != Sector.PARENT]


def build(round: Round, *, compare: bool = True, today=None) -> Results:
    """The results of a round as they may be shown; with `compare`, the change since its
    previous round."""
    k = min_respondents()
    if not round.has_closed(today):
        return Results(round, k, count_respondents(round), State.OPEN)
    collected = collect(round)
    total = sum(collected.respondents.values())
    results = Results(round, k, total, State.SHOWN if total >= k else State.TOO_FEW)
    if not results.shown:
        return results
    statements = results.asked
    number = {statement.pk: n for n, statement in enumerate(statements, start=1)}
    for audience in AUDIENCES:
        sectors = _sectors_of(audience)
        part = Part(audience, sum(collected.respondents.get(s, 0) for s in sectors), k)
        results.parts.append(part)
        if not part.shown:
            continue
        part.groups = audience_groups(collected.respondents, sectors, k)
        mine = [statement for statement in statements if statement.audience == audience]
        by_level: dict[str, list[StatementRow]] = defaultdict(list)
        level_sums: dict[str, Sums] = defaultdict(Sums)
        for statement in mine:
            per_sector = {s: collected.sums.get((statement.pk, s), Sums()) for s in sectors}
            everyone = sum(per_sector.values(), Sums())
            by_group = {
                group.key: Figures.of(sum((per_sector[s] for s in group.sectors), Sums()))
                for group in part.groups
            }
            row = StatementRow(statement, number[statement.pk], Figures.of(everyone), by_group)
            row.spread = _spread(row)
            by_level[statement.level].append(row)
            level_sums[statement.level] += everyone
            results.statements.append(row)
        part.levels = [
            LevelRow(level, audience, Figures.of(level_sums[level]), by_level[level])
            for level in LEVELS_OF[audience] + sorted(set(by_level) - set(LEVELS_OF[audience]))
            if by_level[level]
        ]
    _mark_disagreements(results.statements)
    if compare and round.previous_id is not None:
        # Only a round of the same network is ever compared with.
        previous = (
            Round.objects.select_related("network", "instrument")
            .filter(pk=round.previous_id, network_id=round.network_id)
            .first()
        )
        _compare(results, previous, today)
    return results


def _spread(row: StatementRow) -> float | None:
    means = [f.mean_now for f in row.by_group.values() if f.mean_now is not None]
    return max(means) - min(means) if len(means) >= 2 else None


def _mark_disagreements(rows: list[StatementRow]) -> None:
    wide = [row for row in rows if row.spread is not None and row.spread >= SPREAD_FROM - 1e-9]
    wide.sort(key=lambda row: (-round(row.spread, 9), row.code))
    for row in wide[:DISAGREEMENTS_SHOWN]:
        row.disagrees = True


def _compare(results: Results, previous: Round | None, today) -> None:
    """Fill in the change per statement (by code) and per level. A statement the previous
    round did not ask is new; where either round is not shown, there is no change."""
    if previous is None:
        return
    results.previous = previous
    before = build(previous, compare=False, today=today)
    asked_before = {statement.code for statement in before.asked}
    rows_before = {row.code: row for row in before.statements}
    levels_before = {level.level: level for level in before.levels}
    levels_asked_before = {statement.level for statement in before.asked}
    for row in results.statements:
        if row.code not in asked_before:
            row.change = Change(is_new=True)
        elif row.code in rows_before:
            row.change = _difference(row.all, rows_before[row.code].all)
            row.before_now = rows_before[row.code].all.mean_now
    for level in results.levels:
        if level.level not in levels_asked_before:
            level.change = Change(is_new=True)
        elif level.level in levels_before:
            level.change = _difference(level.all, levels_before[level.level].all)
            level.before_now = levels_before[level.level].all.mean_now


def _difference(now: Figures, before: Figures) -> Change:
    def minus(a: float | None, b: float | None) -> float | None:
        return None if a is None or b is None else a - b

    return Change(
        now=minus(now.mean_now, before.mean_now),
        importance=minus(now.mean_importance, before.mean_importance),
    )
