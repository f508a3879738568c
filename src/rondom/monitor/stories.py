"""The story behind the numbers: per indicator and period, what each of the three perspectives
says explains the figure, what works and what the partners will do; and the network
agreements made from what they will do.

Story texts are read by the network's coordinators only. They never go to the application
log, and the access log names only the indicator and the period.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.text import Truncator
from django.utils.translation import gettext

from rondom.networks.models import NetworkAgreement

from .models import Indicator, Period, Perspective, Story, StoryAgreement
from .trend import period_label

PERSPECTIVES = tuple(Perspective)

# The relations `describe_origin` reads, selected along with a list of agreements.
ORIGIN_RELATED = ("monitor_source__story__indicator", "monitor_source__story__period")

Place = tuple[int, int, str]  # indicator, period, perspective


@dataclass(frozen=True)
class StoryCell:
    """One perspective's story for an indicator in a period, or the invitation to write it."""

    indicator: Indicator
    period: Period
    perspective: Perspective
    story: Story | None
    agreements: tuple[NetworkAgreement, ...] = ()

    @property
    def is_empty(self) -> bool:
        story = self.story
        return story is None or not (story.explains or story.works or story.will_do).strip()

    @property
    def label(self) -> str:
        return self.perspective.label

    @property
    def can_make_agreement(self) -> bool:
        return self.story is not None and bool(self.story.will_do.strip())


def stories_at(indicators: Iterable[Indicator], periods: Iterable[Period]) -> dict[Place, Story]:
    """The stories of these indicators in these periods, each with the agreements made from
    it: two queries, however many indicators, periods and agreements."""
    made = StoryAgreement.objects.select_related(
        "agreement__owner_user", "agreement__owner_organisation"
    ).order_by("agreement__due_on", "agreement_id")
    stories = Story.objects.filter(
        indicator__in=[indicator.pk for indicator in indicators],
        period__in=[period.pk for period in periods],
    ).prefetch_related(Prefetch("agreements", queryset=made))
    return {(story.indicator_id, story.period_id, story.perspective): story for story in stories}


def cells_for(indicator: Indicator, period: Period, found: dict[Place, Story]) -> list[StoryCell]:
    """The three perspectives side by side, in their fixed order."""
    cells = []
    for perspective in PERSPECTIVES:
        story = found.get((indicator.pk, period.pk, perspective.value))
        agreements = tuple(made.agreement for made in story.agreements.all()) if story else ()
        cells.append(StoryCell(indicator, period, perspective, story, agreements))
    return cells


def what_for_agreement(story: Story) -> str:
    """The agreement form's *what*, from what the partners will do, within its length."""
    limit = NetworkAgreement._meta.get_field("what").max_length
    return Truncator(" ".join(story.will_do.split())).chars(limit)


def describe_origin(agreement: NetworkAgreement) -> str | None:
    """ "Monitor: “<indicator>”, <period>, from <perspective>" for an agreement made from a
    story; None for any other agreement."""
    source = getattr(agreement, "monitor_source", None)
    if source is None:
        return None
    story = source.story
    return gettext(
        "Monitor: “%(indicator)s”, %(period)s, from the perspective of %(perspective)s"
    ) % {
        "indicator": Truncator(story.indicator.name).chars(80),
        "period": period_label(story.period),
        "perspective": story.get_perspective_display(),
    }
