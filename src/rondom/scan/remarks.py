"""The remarks a coordinator may read of a round whose results are shown: without a name,
not hidden, in the random order of the answers' ids."""

import uuid
from collections import defaultdict
from dataclasses import dataclass

from .models import Answer, Sector
from .results import Results, StatementRow


@dataclass(frozen=True)
class Remark:
    id: uuid.UUID
    row: StatementRow
    sector: str  # the sector's name, or empty when that sector is not shown apart
    text: str


def visible_remarks(results: Results) -> list[Remark]:
    """The remarks a coordinator may read: of shown statements, not hidden, in the order of
    the answers' random ids, with a sector only where that sector is shown apart."""
    if not results.shown or results.round.answers_deleted_at is not None:
        return []
    rows = {row.statement.pk: row for row in results.statements}
    apart = {group.key for part in results.shown_parts for group in part.groups}
    found = (
        Answer.objects.filter(
            response__round=results.round,
            response__submitted=True,
            remark_hidden=False,
            statement_id__in=list(rows),
        )
        .exclude(remark="")
        .order_by("id")
        .values_list("id", "statement_id", "response__sector", "remark")
    )
    return [
        Remark(pk, rows[statement], str(Sector(sector).label) if sector in apart else "", text)
        for pk, statement, sector, text in found
    ]


def remarks_by_statement(remarks: list[Remark]) -> dict[int, list[Remark]]:
    grouped: dict[int, list[Remark]] = defaultdict(list)
    for remark in remarks:
        grouped[remark.row.statement.pk].append(remark)
    return grouped
