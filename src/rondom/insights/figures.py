"""The figures across cases, counted in the database.

Every figure is an aggregate or a grouped count over the cases given, so the number of
queries is the same for three cases as for twenty thousand. The counting rules are those of
the meeting's panel for one case (see the README's *Insight*):

- help is a help card that is not deleted, not a private draft, and has a domain;
- in a family domain a case has a question (or help) when it has any in that domain;
- in a child's domain a child has a question (or help) when there is one about that child or
  about nobody (the whole family);
- a case counts in a period when it was created by its end and not closed before its start;
  a question when it started by the end (or has no date); a help card when it started by the
  end and did not end before the start (or has no dates).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import IsNull

from rondom.cases.models import Case, Child
from rondom.help.models import HelpQuestion, HelpSatisfaction, HelpSatisfactionReason
from rondom.meetings.models import Agreement, Meeting
from rondom.timeline.kinds import CHILD_DOMAINS, FAMILY_DOMAINS, CardKind
from rondom.timeline.models import Card

from .periods import AGE_GROUPS_BY_KEY, Period, birth_dates

# The four cells of a domain, in the order of the tables and the bars.
BOTH, QUESTION_ONLY, HELP_ONLY, NEITHER = "both", "question_only", "help_only", "neither"
CELLS = (BOTH, QUESTION_ONLY, HELP_ONLY, NEITHER)
# A question open this long without help stands out.
LONG_OPEN_DAYS = 84


def cell_of(has_question: bool, has_help: bool) -> str:
    if has_question:
        return BOTH if has_help else QUESTION_ONLY
    return HELP_ONLY if has_help else NEITHER


@dataclass
class Figures:
    """The raw counts of one report, before small numbers are hidden."""

    period: Period
    cases: int = 0
    children: int = 0
    questions: int = 0
    help_cards: int = 0
    meetings: int = 0
    agreements_on_time: int = 0
    # domain -> cell -> children (child domains) or families (family domains)
    child_cells: dict[str, dict[str, int]] = field(default_factory=dict)
    family_cells: dict[str, dict[str, int]] = field(default_factory=dict)
    # party -> satisfaction -> answers; party -> reason -> answers that gave it
    satisfaction: dict[str, Counter] = field(default_factory=dict)
    reasons: dict[str, Counter] = field(default_factory=dict)
    # domain -> days from question to first help -> questions
    days_to_help: dict[str, Counter] = field(default_factory=dict)
    open_long: dict[str, int] = field(default_factory=dict)


# --- what counts -----------------------------------------------------------------------------


def cases_in_period(cases: QuerySet[Case], period: Period) -> QuerySet[Case]:
    return cases.filter(created_at__lt=period.ends_before).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=period.starts_at)
    )


def children_in_group(children: QuerySet[Child], age_group: str | None, period: Period):
    group = AGE_GROUPS_BY_KEY.get(age_group or "")
    if group is None:
        return children
    born_after, born_by = birth_dates(group, period.reference_day)
    children = children.filter(date_of_birth__lte=born_by)
    if born_after is not None:
        children = children.filter(date_of_birth__gt=born_after)
    return children


def questions_in_period(period: Period) -> QuerySet[HelpQuestion]:
    return HelpQuestion.objects.filter(Q(starts_on__isnull=True) | Q(starts_on__lte=period.end))


def help_cards() -> QuerySet[Card]:
    """Help as the figures count it, in any period."""
    return Card.objects.filter(kind=CardKind.HELP, deleted_at__isnull=True, is_draft=False).exclude(
        domain=""
    )


def help_in_period(period: Period) -> QuerySet[Card]:
    return help_cards().filter(
        Q(starts_on__isnull=True) | Q(starts_on__lte=period.end),
        Q(ends_on__isnull=True) | Q(ends_on__gte=period.start),
    )


def about_the_child(child=None) -> Q:
    """A question or card about this child, or about nobody (the whole family)."""
    return Q(child=child if child is not None else OuterRef("pk")) | Q(child__isnull=True)


# --- the report ------------------------------------------------------------------------------


def count_figures(cases: QuerySet[Case], period: Period, age_group: str | None = None) -> Figures:
    """All figures over `cases` (already limited to cases that may be counted at all)."""
    counted = cases_in_period(cases, period)
    children = children_in_group(Child.objects.all(), age_group, period)
    if age_group in AGE_GROUPS_BY_KEY:
        counted = counted.filter(Exists(children.filter(case=OuterRef("pk"))))
    case_ids = counted.values("pk")
    children = children.filter(case__in=case_ids)

    figures = Figures(period)
    with transaction.atomic():
        without_jit()
        _count(figures, counted, children, case_ids, period)
    return figures


def _count(figures: Figures, counted, children, case_ids, period: Period) -> None:
    questions = questions_in_period(period)
    helps = help_in_period(period)
    figures.child_cells, figures.children = _child_cells(children, questions, helps)
    figures.family_cells, figures.cases = _family_cells(counted, questions, helps)
    figures.questions = questions.filter(case__in=case_ids).count()
    figures.help_cards = helps.filter(case__in=case_ids).count()
    figures.meetings = Meeting.objects.filter(
        case__in=case_ids, held_on__gte=period.start, held_on__lte=period.end
    ).count()
    figures.agreements_on_time = Agreement.objects.filter(
        case__in=case_ids,
        due_on__gte=period.start,
        due_on__lte=period.end,
        status=Agreement.Status.DONE,
        status_set_at__date__lte=F("due_on"),
    ).count()
    figures.satisfaction, figures.reasons = _satisfaction(case_ids, period)
    figures.days_to_help, figures.open_long = _time_to_help(case_ids, period, questions)


def _cells_from_groups(rows, domains) -> tuple[dict[str, dict[str, int]], int]:
    cells = {domain: dict.fromkeys(CELLS, 0) for domain in domains}
    total = 0
    for row in rows:
        total += row["n"]
        for domain in domains:
            cells[domain][cell_of(row[f"q_{domain}"], row[f"h_{domain}"])] += row["n"]
    return cells, total


def _child_cells(children, questions, helps):
    flags = {}
    for domain in CHILD_DOMAINS:
        same = {"case": OuterRef("case"), "domain": domain}
        flags[f"q_{domain}"] = Exists(questions.filter(about_the_child(), **same))
        flags[f"h_{domain}"] = Exists(helps.filter(about_the_child(), **same))
    # One row per combination of the flags that occurs: at most 2**6, whatever the number of
    # children.
    rows = children.annotate(**flags).values(*flags).annotate(n=Count("pk")).order_by()
    return _cells_from_groups(rows, CHILD_DOMAINS)


def _family_cells(cases, questions, helps):
    flags = {}
    for domain in FAMILY_DOMAINS:
        same = {"case": OuterRef("pk"), "domain": domain}
        flags[f"q_{domain}"] = Exists(questions.filter(**same))
        flags[f"h_{domain}"] = Exists(helps.filter(**same))
    rows = cases.annotate(**flags).values(*flags).annotate(n=Count("pk")).order_by()
    return _cells_from_groups(rows, FAMILY_DOMAINS)


def latest_answers(case_ids, period: Period) -> QuerySet[HelpSatisfaction]:
    """Per participant, the last answer given in the period."""
    answers = HelpSatisfaction.objects.filter(
        case__in=case_ids, given_at__gte=period.starts_at, given_at__lt=period.ends_before
    )
    later = answers.filter(participant=OuterRef("participant")).filter(
        Q(given_at__gt=OuterRef("given_at"))
        | Q(given_at=OuterRef("given_at"), pk__gt=OuterRef("pk"))
    )
    return answers.filter(~Exists(later))


def _satisfaction(case_ids, period: Period):
    latest = latest_answers(case_ids, period)
    satisfaction: dict[str, Counter] = {}
    for row in latest.values("party", "satisfaction").annotate(n=Count("pk")).order_by():
        satisfaction.setdefault(row["party"], Counter())[row["satisfaction"]] += row["n"]
    reasons: dict[str, Counter] = {}
    rows = (
        HelpSatisfactionReason.objects.filter(answer__in=latest)
        .values("answer__party", "reason")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        reasons.setdefault(row["answer__party"], Counter())[row["reason"]] += row["n"]
    return satisfaction, reasons


def first_help_of_question(period: Period):
    """For a question (as OuterRef), the first day of help for it: the earliest start of a help
    card linked to it, or else of a help card in its domain, for its child or the whole family,
    that started on or after the question. Help that starts after the reference day does not
    count yet."""
    started = help_cards().filter(
        case=OuterRef("case"), starts_on__isnull=False, starts_on__lte=period.reference_day
    )
    linked = started.filter(question=OuterRef("pk"))
    fitting = started.filter(domain=OuterRef("domain"), starts_on__gte=OuterRef("starts_on"))
    fitting = fitting.filter(
        Q(domain__in=FAMILY_DOMAINS)
        | Q(child__isnull=True)
        | Q(child=OuterRef("child"))
        | Q(IsNull(OuterRef("child"), True))
    )

    def earliest(cards):
        return Subquery(
            cards.order_by().values("case").annotate(first=Min("starts_on")).values("first")
        )

    return Coalesce(earliest(linked), earliest(fitting))


def _time_to_help(case_ids, period: Period, questions):
    """Days to first help per domain, and the questions left open too long, in one grouped
    query that works out each question's first help once."""
    long_ago = period.reference_day - timedelta(days=LONG_OPEN_DAYS)
    waited = ExpressionWrapper(F("first_help") - F("starts_on"), output_field=DurationField())
    rows = (
        questions.filter(case__in=case_ids, starts_on__isnull=False)
        .annotate(
            first_help=first_help_of_question(period),
            waited=waited,
            # Open and old enough; with no help (waited is null) it counts as left open.
            stale=Q(status="open", starts_on__lte=long_ago),
        )
        .values("domain", "waited", "stale")
        .annotate(n=Count("pk"))
        .order_by()
    )
    days: dict[str, Counter] = {}
    open_long: dict[str, int] = {}
    for row in rows:
        if row["waited"] is not None:
            days.setdefault(row["domain"], Counter())[row["waited"].days] += row["n"]
        elif row["stale"]:
            open_long[row["domain"]] = open_long.get(row["domain"], 0) + row["n"]
    return days, open_long


def without_jit():
    """PostgreSQL's JIT compiler guesses these grouped queries over many subqueries to be
    costly and spends longer compiling them than running them (2.5 of 3.7 s over 20,000
    cases); within the report's transaction it stays off."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")


def percentile(counts: Counter, fraction: float) -> float | None:
    """The value below which `fraction` of the counted values lie, interpolated between the
    two nearest values as a spreadsheet does (the inclusive method)."""
    values = sorted(counts)
    n = sum(counts.values())
    if n == 0:
        return None
    position = fraction * (n - 1)
    below, share = int(position), position - int(position)

    def nth(index: int) -> int:
        seen = 0
        for value in values:
            seen += counts[value]
            if index < seen:
                return value
        return values[-1]

    low = nth(below)
    return low if share == 0 else low + share * (nth(below + 1) - low)
