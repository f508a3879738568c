"""Changing the school career, and telling the components whose data follow it."""

from django.dispatch import Signal

from rondom.cases.models import Child

from .models import GroupYear, SchoolPeriod

# Sent with `child` inside the transaction that changed the child's career. The timeline
# listens, to place the cards dated by group again; the career knows nothing of cards.
school_career_changed = Signal()


def career_changed(child: Child) -> None:
    school_career_changed.send(sender=SchoolPeriod, child=child)


def set_group_sequence(period: SchoolPeriod, groups: list[str], first_year: int) -> None:
    """Replace the period's groups by a sequence, one school year each, from `first_year` on."""
    period.group_years.all().delete()
    GroupYear.objects.bulk_create(
        GroupYear(period=period, school_year=first_year + offset, group=group)
        for offset, group in enumerate(groups)
    )
