"""A network with a joint agreement, indicators, three half-years of figures and stories, for
the tests of the trend, the stories and the review meeting.

Built on `tests.networks.agreement_world`: Wijk Test with its coordinator (Carla), a school
with its ib'er (Inge, a case worker) and a youth team; Netwerk Elders with its own
coordinator. k is 10.

The indicators, with their figures in 2025-1, 2025-2 and 2026-1 (the last one not frozen):
- wait: weeks to first help, lower is better: 11, 10, then 713 with 4 answers: hidden;
- home: children out of school, entered by hand, lower is better: 8, 7, 6 (better);
- happy: satisfied parents in %, higher is better: –, 70, 76 (better);
- meet: meetings on time in %, higher is better: 64, 60, 55 (worse);
- same: cases with a plan in %, higher is better: 50, 50, 50 (did not move);
- lonely: agreed to by one organisation only, so it does not count: 1, 2, 3.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from rondom.monitor.models import (
    Indicator,
    IndicatorConsent,
    JointAgreement,
    Period,
    PeriodValue,
    ReviewMeeting,
    Story,
)
from tests.networks.agreement_world import World, build

# The hidden figure: it must never leave the server.
HIDDEN = "713"
# A story of Netwerk Elders: nobody in Wijk Test, and no case worker, may ever read it.
MARKER = "Geheim verhaal van Elders"
FROZEN_AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@dataclass
class Monitor:
    world: World
    joint: JointAgreement
    periods: list[Period]
    indicators: dict[str, Indicator]
    review: ReviewMeeting
    other_indicator: Indicator
    other_review: ReviewMeeting


def period(network, year: int, half: int, frozen: bool = True) -> Period:
    return Period.objects.create(
        network=network, year=year, half=half, frozen_at=FROZEN_AT if frozen else None
    )


def indicator(joint, name: str, better: str, target: str, source: str = "cases", **extra):
    return Indicator.objects.create(
        joint_agreement=joint,
        name=name,
        definition=f"Wat {name} meet, in gewone woorden.",
        perspective=extra.pop("perspective", "child_parent"),
        kind=extra.pop("kind", "better_off"),
        target=Decimal(target),
        better=better,
        source=source,
        **extra,
    )


def agree(indicator: Indicator, *organisations) -> None:
    for organisation in organisations:
        IndicatorConsent.objects.create(indicator=indicator, organisation=organisation)


def figures(indicator: Indicator, periods, values, counts=None, note: str = "") -> None:
    counts = counts or [40] * len(values)
    for period_, value, count in zip(periods, values, counts, strict=True):
        if value is None:
            continue
        PeriodValue.objects.create(
            indicator=indicator,
            period=period_,
            value=Decimal(str(value)),
            count=None if indicator.is_manual else count,
            frozen_at=period_.frozen_at,
            source_note=note,
        )


def build_monitor() -> Monitor:
    world = build()
    network = world.network
    joint = JointAgreement.objects.create(
        network=network,
        result="Elk kind met een hulpvraag heeft binnen 8 weken passende hulp",
        starts_on=date(2025, 1, 1),
    )
    periods = [period(network, 2025, 1), period(network, 2025, 2), period(network, 2026, 1, False)]
    both = (world.school, world.team)
    made = {
        "wait": indicator(joint, "Weken tot eerste hulp", "lower", "8", baseline=Decimal("12")),
        "home": indicator(joint, "Thuiszitters", "lower", "5", source="", baseline=Decimal("9")),
        "happy": indicator(joint, "Tevreden ouders", "higher", "80"),
        "meet": indicator(joint, "Overleg op tijd", "higher", "75"),
        "same": indicator(joint, "Casussen met een plan", "higher", "60"),
        "lonely": indicator(joint, "Alleen door de school gekozen", "higher", "10"),
    }
    for key, chosen in made.items():
        agree(chosen, *(both if key != "lonely" else both[:1]))
    figures(made["wait"], periods, [11, 10, int(HIDDEN)], [40, 35, 4])
    figures(made["home"], periods, [8, 7, 6], note="Leerplichtadministratie van de gemeente")
    figures(made["happy"], periods, [None, 70, 76])
    figures(made["meet"], periods, [64, 60, 55])
    figures(made["same"], periods, [50, 50, 50])
    figures(made["lonely"], periods, [1, 2, 3])
    review = ReviewMeeting.objects.create(
        network=network, period=periods[2], held_on=date(2026, 7, 9)
    )

    elsewhere = world.elsewhere
    other_joint = JointAgreement.objects.create(
        network=elsewhere, result="Elders werkt samen", starts_on=date(2025, 1, 1)
    )
    other_period = period(elsewhere, 2026, 1)
    other_indicator = indicator(other_joint, "Indicator van Elders", "higher", "10")
    Story.objects.create(
        indicator=other_indicator, period=other_period, perspective="network", explains=MARKER
    )
    other_review = ReviewMeeting.objects.create(
        network=elsewhere, period=other_period, held_on=date(2026, 7, 1), notes=MARKER,
        closed_at=FROZEN_AT,
    )  # fmt: skip
    return Monitor(world, joint, periods, made, review, other_indicator, other_review)
