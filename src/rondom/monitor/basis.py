"""What a network's figures in one half-year rest on: its cases, the insight figures, the
counts the insight report hides, case agreements due, time out of school, the scan and the
signals. Each part is read once, when a source of the catalogue first needs it."""

from collections import Counter
from datetime import timedelta
from functools import cached_property

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Value
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from rondom.career.models import PeriodKind, SchoolPeriod
from rondom.insights.figures import (
    Figures,
    cases_in_period,
    count_figures,
)
from rondom.insights.periods import Period as Dates
from rondom.insights.report import values_and_lines
from rondom.insights.suppression import Line, hidden_keys
from rondom.meetings.models import Agreement
from rondom.networks.access import cases_in_network, min_cell_of
from rondom.networks.models import Network
from rondom.scan.models import Round
from rondom.scan.results import Results, build

from .models import Signal


class Basis:
    """What a network's figures in one half-year rest on; each part is read when a source
    first needs it, and only once."""

    def __init__(self, network: Network, dates: Dates):
        self.network = network
        self.dates = dates
        self.cases = cases_in_network(network)

    @cached_property
    def figures(self) -> Figures:
        return count_figures(self.cases, self.dates)

    @cached_property
    def report(self) -> tuple[dict[tuple, int], frozenset, list[Line]]:
        """The insight report's counts, the ones it hides for this network, and its lines."""
        values, lines = values_and_lines(self.figures)
        return values, hidden_keys(values, lines, min_cell_of(self.network)), lines

    def resting_on(self, keys: tuple, own: int) -> int:
        """The smallest count a figure made of the report's `keys` gives away: its own, or,
        when the report hides one of them (perhaps as the second cell of a line), the
        smallest hidden count of that line. Stored as the figure's count, it makes the
        figure `<k` wherever the report hides what it would reveal."""
        values, hidden, lines = self.report
        if not hidden.intersection(keys):
            return own
        line_keys = set(keys)
        for line in lines:
            if line_keys.intersection(line.cells) or line.total in line_keys:
                line_keys.update(line.cells)
                line_keys.add(line.total)
        return min([own] + [values[key] for key in line_keys & hidden])

    @cached_property
    def case_ids(self):
        return cases_in_period(self.cases, self.dates).values("pk")

    @cached_property
    def agreements_due(self) -> dict:
        """Case agreements due in the half-year and not dropped, and the cases they are of."""
        return (
            Agreement.objects.filter(
                case__in=self.case_ids,
                due_on__gte=self.dates.start,
                due_on__lte=self.dates.end,
            )
            .exclude(status=Agreement.Status.DROPPED)
            .aggregate(due=Count("pk"), cases=Count("case", distinct=True))
        )

    @cached_property
    def out_of_school(self) -> tuple[int, Counter]:
        """The children with time out of school in the half-year, and the length in days of
        each such stretch up to the half-year's end (or today, while it runs)."""
        last = self.dates.reference_day
        periods = SchoolPeriod.objects.filter(
            kind=PeriodKind.OUT_OF_SCHOOL,
            child__case__in=self.case_ids,
            starts_on__lte=last,
        ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=self.dates.start))
        children = periods.aggregate(n=Count("child", distinct=True))["n"]
        until = Least(Coalesce("ends_on", Value(last)), Value(last))
        lasted = ExpressionWrapper(until - F("starts_on"), output_field=DurationField())
        rows = periods.annotate(lasted=lasted).values("lasted").annotate(n=Count("pk")).order_by()
        days = Counter()
        for row in rows:
            days[row["lasted"].days + 1] += row["n"]
        return children, days

    @cached_property
    def scan(self) -> Results | None:
        """The results of the network's latest round for everyone (not one team) that closed
        in the half-year, as the scan shows them; None without such a round."""
        last = min(self.dates.end, timezone.localdate() - timedelta(days=1))
        round = (
            Round.objects.filter(
                network=self.network, team="", closes_on__gte=self.dates.start, closes_on__lte=last
            )
            .select_related("network", "instrument")
            .order_by("-closes_on", "-pk")
            .first()
        )
        return None if round is None else build(round, compare=False)

    @cached_property
    def signals(self) -> Counter:
        """The network's signals of the half-year per theme (None: no theme yet)."""
        rows = (
            Signal.objects.filter(
                network=self.network, month__gte=self.dates.start, month__lte=self.dates.end
            )
            .values("theme")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return Counter({row["theme"]: row["n"] for row in rows})
