"""The review meeting (*leerbijeenkomst*), twice a year on the monitor: its agenda and its
report are worked out here, the same for the page and the PDF.

The agenda is the indicators that moved since the previous period and the network's open
agreements. A figure hidden under the `<k` rule never shows a change, so an indicator with
a hidden figure on either side is not on the list of those that moved.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from rondom.networks.access import min_cell_of
from rondom.networks.agreements import agreements_of
from rondom.networks.models import Network, NetworkAgreement

from .consent import counting
from .models import Indicator, Period, ReviewMeeting
from .stories import StoryCell, cells_for, stories_at
from .trend import SAME, Point, Trend, periods_of, trends_for


def counting_indicators(network: Network) -> QuerySet[Indicator]:
    """The network's indicators that count (see `monitor.consent`)."""
    return (
        counting(Indicator.objects.filter(joint_agreement__network=network))
        .select_related("joint_agreement")
        .order_by("joint_agreement__starts_on", "joint_agreement_id", "pk")
    )


@dataclass(frozen=True)
class InReview:
    """One counting indicator at the meeting: its trend, its point in the meeting's period
    and the one before, and the stories of the period."""

    indicator: Indicator
    trend: Trend
    point: Point
    previous: Point | None
    cells: list[StoryCell]

    @property
    def moved(self) -> bool:
        return self.point.change is not None and self.point.change.verdict != SAME

    @property
    def agreements(self) -> list[tuple[StoryCell, NetworkAgreement]]:
        return [(cell, agreement) for cell in self.cells for agreement in cell.agreements]


@dataclass
class Agenda:
    review: ReviewMeeting
    network: Network
    period: Period
    k: int
    indicators: list[InReview] = field(default_factory=list)
    open_agreements: list[NetworkAgreement] = field(default_factory=list)

    @property
    def moved(self) -> list[InReview]:
        return [item for item in self.indicators if item.moved]

    @property
    def made(self) -> list[tuple[InReview, StoryCell, NetworkAgreement]]:
        """The agreements made from the period's stories."""
        return [(item, cell, agreement) for item in self.indicators
                for cell, agreement in item.agreements]  # fmt: skip


def agenda_for(review: ReviewMeeting) -> Agenda:
    """Everything the meeting's page and report show, in a fixed number of queries."""
    network, period = review.network, review.period
    periods = periods_of(network)
    indicators = list(counting_indicators(network))
    trends = trends_for(indicators, network, periods)
    found = stories_at(indicators, [period])
    agenda = Agenda(review, network, period, min_cell_of(network))
    for indicator in indicators:
        trend = trends[indicator.pk]
        point = trend.point_for(period)
        if point is None:  # the agreement does not run then, and there is no figure
            continue
        index = trend.points.index(point)
        previous = trend.points[index - 1] if index else None
        cells = cells_for(indicator, period, found)
        agenda.indicators.append(InReview(indicator, trend, point, previous, cells))
    still_open = agreements_of(network).filter(status=NetworkAgreement.Status.OPEN)
    agenda.open_agreements = list(still_open.order_by("due_on", "pk"))
    return agenda
