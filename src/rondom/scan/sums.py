"""A round's sums per statement and sector: from one GROUP BY over the submitted answers,
or from the rows kept once the answers are deleted. Nothing here is ever one person's.
"""

from dataclasses import astuple, dataclass, fields

from django.db.models import Count, F, IntegerField, Q, Sum
from django.db.models.functions import Coalesce

from .models import Answer, Response, Round, SectorResult, StatementResult


@dataclass
class Sums:
    """The sums of some answers to one statement; they add up across sectors and statements."""

    now_count: int = 0
    now_sum: int = 0
    now_square_sum: int = 0
    dont_know_count: int = 0
    importance_count: int = 0
    importance_sum: int = 0
    act_count: int = 0
    act_yes: int = 0

    def __add__(self, other: "Sums") -> "Sums":
        return Sums(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


SUM_FIELDS = [f.name for f in fields(Sums)]


@dataclass
class Collected:
    """A round's sums per (statement id, sector), and its respondents per sector."""

    sums: dict[tuple[int, str], Sums]
    respondents: dict[str, int]


def collect(round: Round) -> Collected:
    """The sums of the round's submitted responses, in two queries whatever their number."""
    if round.answers_deleted_at is not None:
        stored = StatementResult.objects.filter(round=round).values("statement_id", "sector",
                                                                     *SUM_FIELDS)  # fmt: skip
        sums = {
            (row.pop("statement_id"), row.pop("sector")): Sums(**row) for row in stored
        }  # fmt: skip
        respondents = dict(
            SectorResult.objects.filter(round=round).values_list("sector", "respondents")
        )
        return Collected(sums, respondents)
    rows = (
        Answer.objects.filter(response__round=round, response__submitted=True)
        .values("statement_id", "response__sector")
        .annotate(
            now_count=Count("now"),
            now_sum=Coalesce(Sum("now"), 0),
            now_square_sum=Coalesce(Sum(F("now") * F("now"), output_field=IntegerField()), 0),
            dont_know_count=Count("pk", filter=Q(dont_know=True)),
            importance_count=Count("importance"),
            importance_sum=Coalesce(Sum("importance"), 0),
            act_count=Count("act"),
            act_yes=Count("pk", filter=Q(act=True)),
        )
        .order_by()
    )
    sums = {
        (row.pop("statement_id"), row.pop("response__sector")): Sums(**row) for row in rows
    }  # fmt: skip
    respondents = dict(
        Response.objects.filter(round=round, submitted=True)
        .values("sector")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("sector", "n")
    )
    return Collected(sums, respondents)


def count_respondents(round: Round) -> int:
    """How many people have submitted their answers to the round, so far."""
    if round.answers_deleted_at is not None:
        return sum(SectorResult.objects.filter(round=round).values_list("respondents", flat=True))
    return Response.objects.filter(round=round, submitted=True).count()


def stored_rows(round: Round) -> tuple[list[StatementResult], list[SectorResult]]:
    """The round's sums as rows to keep once its answers are deleted (see `retention`)."""
    collected = collect(round)
    statements = [
        StatementResult(round=round, statement_id=statement_id, sector=sector,
                        **{name: getattr(sums, name) for name in SUM_FIELDS})
        for (statement_id, sector), sums in sorted(collected.sums.items())
    ]  # fmt: skip
    sectors = [
        SectorResult(round=round, sector=sector, respondents=count)
        for sector, count in sorted(collected.respondents.items())
    ]
    return statements, sectors
