"""Half-year periods, and freezing their figures once they have ended.

When a half-year has ended, every counting computed indicator of a joint agreement that ran
in it gets a `PeriodValue` with the moment it was frozen, and the `Period` gets its
`frozen_at`. A frozen value is never computed again: a later change to a case does not
rewrite history. An indicator that starts counting after its period was frozen gets that
period's value once, at that moment, with its own `frozen_at`. The running half-year has a
provisional figure, worked out the same way and never stored.

Running it twice changes nothing, and two runs at the same time are safe: the period row is
created through its unique constraint and then locked on its own (`select_for_update`), so the
second run waits for the first and finds every value made. Nothing else is locked.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from rondom.insights.periods import Period as Dates
from rondom.insights.periods import half_year
from rondom.networks.models import Network

from .catalogue import Computed, compute
from .consent import counting
from .models import Indicator, JointAgreement, Period, PeriodValue

HalfYear = tuple[int, int]  # (year, 1 or 2)


def half_of(day: date) -> HalfYear:
    return day.year, 1 if day.month <= 6 else 2


def next_half(year: int, half: int) -> HalfYear:
    return (year, 2) if half == 1 else (year + 1, 1)


def runs_in(joint: JointAgreement, dates: Dates) -> bool:
    return joint.starts_on <= dates.end and (joint.ends_on is None or joint.ends_on >= dates.start)


def half_years_of(joint: JointAgreement, before: HalfYear) -> list[HalfYear]:
    """The half-years a joint agreement runs in, before the half-year `before`."""
    found = []
    current = half_of(joint.starts_on)
    while current < before:
        if joint.ends_on is not None and half_year(*current).start > joint.ends_on:
            break
        found.append(current)
        current = next_half(*current)
    return found


def ended_half_years(network: Network, today: date) -> list[HalfYear]:
    """The half-years that have ended in which one of the network's joint agreements ran."""
    running = half_of(today)
    found = set()
    for joint in JointAgreement.objects.filter(network=network, starts_on__lt=today):
        found.update(half_years_of(joint, running))
    return sorted(found)


def running_in(network: Network, dates: Dates) -> QuerySet[Indicator]:
    """The indicators of the network's joint agreements that run in the half-year."""
    return Indicator.objects.filter(
        Q(joint_agreement__ends_on__isnull=True) | Q(joint_agreement__ends_on__gte=dates.start),
        joint_agreement__network=network,
        joint_agreement__starts_on__lte=dates.end,
    )


def to_freeze(network: Network, period: Period, dates: Dates) -> QuerySet[Indicator]:
    """The counting computed indicators that have no value for the period yet."""
    has_value = PeriodValue.objects.filter(indicator=OuterRef("pk"), period=period)
    return counting(running_in(network, dates)).exclude(source="").filter(~Exists(has_value))


def freeze_period(
    network: Network, year: int, half: int, now: datetime, only: Indicator | None = None
) -> int:
    """Freeze the half-year's figures of the network; with `only`, just that indicator's,
    leaving the period's own `frozen_at` as it is. Returns how many values it made."""
    dates = half_year(year, half)
    period, _created = Period.objects.get_or_create(network=network, year=year, half=half)
    with transaction.atomic():
        period = Period.objects.select_for_update().get(pk=period.pk)
        todo = to_freeze(network, period, dates).select_related("joint_agreement")
        if only is not None:
            todo = todo.filter(pk=only.pk)
        todo = list(todo)
        if todo:
            values = compute(network, dates, todo)
            PeriodValue.objects.bulk_create(
                [_frozen(indicator, period, values[indicator.pk], now) for indicator in todo],
                ignore_conflicts=True,
            )
        if only is None and period.frozen_at is None:
            period.frozen_at = now
            period.save(update_fields=["frozen_at"])
    return len(todo)


def _frozen(indicator: Indicator, period: Period, computed: Computed, now) -> PeriodValue:
    return PeriodValue(
        indicator=indicator,
        period=period,
        value=computed.value,
        count=computed.count,
        frozen_at=now,
    )


@dataclass
class Frozen:
    periods: int = 0  # periods frozen in this run
    values: int = 0  # values made in this run


def freeze_network(network: Network, today: date | None = None) -> Frozen:
    today = today or timezone.localdate()
    done = Frozen()
    frozen_before = set(
        Period.objects.filter(network=network, frozen_at__isnull=False).values_list("year", "half")
    )
    for year, half in ended_half_years(network, today):
        done.values += freeze_period(network, year, half, timezone.now())
        done.periods += (year, half) not in frozen_before
    return done


def freeze_all(today: date | None = None) -> Frozen:
    """Freeze every ended half-year of every network with joint agreements."""
    done = Frozen()
    networks = Network.objects.filter(
        Exists(JointAgreement.objects.filter(network=OuterRef("pk")))
    ).order_by("pk")
    for network in networks:
        frozen = freeze_network(network, today)
        done.periods += frozen.periods
        done.values += frozen.values
    return done


def fill_in(indicator: Indicator) -> int:
    """Once an indicator starts counting: its value for each period already frozen, computed
    now, with its own `frozen_at`."""
    joint = indicator.joint_agreement
    frozen = Period.objects.filter(network_id=joint.network_id, frozen_at__isnull=False)
    made = 0
    for period in frozen:
        if runs_in(joint, half_year(period.year, period.half)):
            made += freeze_period(
                joint.network, period.year, period.half, timezone.now(), indicator
            )
    return made


def provisional(
    network: Network, indicators: list[Indicator], today: date | None = None
) -> tuple[HalfYear, dict[int, Computed]]:
    """The running half-year and a provisional value for each of these indicators whose
    joint agreement runs in it; never stored."""
    current = half_of(today or timezone.localdate())
    dates = half_year(*current)
    running = [i for i in indicators if i.source and runs_in(i.joint_agreement, dates)]
    return current, compute(network, dates, running) if running else {}
