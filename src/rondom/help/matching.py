"""Does the help match the question? Per domain, for one case: pure functions over what was
read already, so the meeting's panel and the figures across cases count alike.

The rules (the research behind the paper tool, chapter 4, counted them by hand):
- Help is a help card that is not deleted, not a private draft, and has a domain.
- The parents' domains count per family: the family has a question in the domain if the case
  has any question in it, whatever its status, and help if it has any help in it, whatever
  child the help is about.
- The child's domains count per child: a question counts for the child when it is about that
  child or about nobody (the whole family); help likewise.
- Each domain lands in one of four cells: question and help, question without help, help
  without a question, or neither.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from rondom.timeline.kinds import CHILD_DOMAINS, FAMILY_DOMAINS, CardKind


class Cell(StrEnum):
    BOTH = "both"  # question and help
    QUESTION_ONLY = "question_only"  # question, no help
    HELP_ONLY = "help_only"  # help, no question
    NEITHER = "neither"


class InDomain(Protocol):
    """A question or a help card, as far as matching needs it."""

    domain: str
    child_id: int | None


def cell_of(has_question: bool, has_help: bool) -> Cell:
    if has_question:
        return Cell.BOTH if has_help else Cell.QUESTION_ONLY
    return Cell.HELP_ONLY if has_help else Cell.NEITHER


def is_help(card: Any) -> bool:
    """A card that counts as help: kind help, alive, shared, with a domain."""
    return (
        card.kind == CardKind.HELP
        and card.deleted_at is None
        and not card.is_draft
        and bool(card.domain)
    )


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both included; either may be open."""

    start: date | None = None
    end: date | None = None

    def has_question(self, question: Any) -> bool:
        """A question counts when it has no start, or started on or before the end."""
        return self.end is None or question.starts_on is None or question.starts_on <= self.end

    def has_help(self, card: Any) -> bool:
        """Help counts when it started by the end (or has no start) and had not ended
        before the start (or has no end)."""
        started = self.end is None or card.starts_on is None or card.starts_on <= self.end
        going = self.start is None or card.ends_on is None or card.ends_on >= self.start
        return started and going


@dataclass
class Match:
    """One domain, for the family (`child_id` None) or for one child."""

    domain: str
    child_id: int | None
    questions: list = field(default_factory=list)
    helps: list = field(default_factory=list)

    @property
    def cell(self) -> Cell:
        return cell_of(bool(self.questions), bool(self.helps))

    @property
    def is_gap(self) -> bool:
        return self.cell in (Cell.QUESTION_ONLY, Cell.HELP_ONLY)


def _by_domain(items: Iterable[InDomain]) -> dict[str, list]:
    found: dict[str, list] = {}
    for item in items:
        found.setdefault(item.domain, []).append(item)
    return found


def match_case(
    questions: Iterable[InDomain],
    cards: Iterable[Any],
    child_ids: Sequence[int],
    period: Period | None = None,
) -> list[Match]:
    """Every domain of one case: first the family's domains, then each child's, in the order
    of `child_ids`. `cards` may hold any cards; only those that count as help are used."""
    period = period or Period()
    questions = _by_domain(q for q in questions if period.has_question(q))
    helps = _by_domain(c for c in cards if is_help(c) and period.has_help(c))
    matches = [
        Match(domain, None, list(questions.get(domain, [])), list(helps.get(domain, [])))
        for domain in FAMILY_DOMAINS
    ]
    for child_id in child_ids:
        for domain in CHILD_DOMAINS:
            matches.append(
                Match(
                    domain,
                    child_id,
                    [q for q in questions.get(domain, []) if q.child_id in (child_id, None)],
                    [c for c in helps.get(domain, []) if c.child_id in (child_id, None)],
                )
            )
    return matches


def cells(matches: Iterable[Match]) -> dict[tuple[str, int | None], Cell]:
    """{(domain, child id or None for the family): cell}."""
    return {(m.domain, m.child_id): m.cell for m in matches}
