"""Indicators are chosen together: any coordinator proposes one, and it counts only once
`AGREEMENTS_NEEDED` member organisations of the network have agreed to it.

A coordinator agrees on behalf of an organisation they belong to (an account's
`Membership`) that is a member of the network. An organisation agrees once, however many of
its people coordinate; an organisation that leaves the network no longer counts towards it.

What an indicator measures is what the organisations agreed to. When its definition, source,
target, direction, baseline, perspective or kind changes after someone agreed, every agreement
is taken back in the same transaction, and the organisations are asked again
(`Indicator.agreements_withdrawn_at` says since when). Its name may be corrected freely.
Only counting indicators get frozen figures, appear in trends and reports.
"""

from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from rondom.accounts.models import Organisation
from rondom.networks.models import Network

from .models import AGREEMENTS_NEEDED, Indicator, IndicatorConsent

# The fields whose change takes back the organisations' agreement.
WHAT_IT_MEASURES = (
    "definition",
    "perspective",
    "kind",
    "target",
    "better",
    "baseline",
    "source",
    "source_options",
)


def valid_consents(indicator_ref="pk") -> QuerySet[IndicatorConsent]:
    """The agreements to an indicator (an OuterRef by default) of organisations that are still
    members of its network."""
    return IndicatorConsent.objects.filter(
        indicator=OuterRef(indicator_ref),
        organisation__network_memberships__network=OuterRef("joint_agreement__network"),
    )


def with_agreed(indicators: QuerySet[Indicator]) -> QuerySet[Indicator]:
    """The indicators with `agreed`: how many member organisations agreed, in the same query."""
    agreed = (
        valid_consents()
        .order_by()
        .values("indicator")
        .annotate(n=Count("organisation", distinct=True))
        .values("n")
    )
    return indicators.annotate(agreed=Coalesce(Subquery(agreed, output_field=IntegerField()), 0))


def counting(indicators: QuerySet[Indicator]) -> QuerySet[Indicator]:
    """The indicators that count: agreed by at least `AGREEMENTS_NEEDED` organisations."""
    return with_agreed(indicators).filter(agreed__gte=AGREEMENTS_NEEDED)


def still_needed(agreed: int) -> int:
    return max(0, AGREEMENTS_NEEDED - agreed)


def counts(indicator: Indicator) -> bool:
    return counting(Indicator.objects.filter(pk=indicator.pk)).exists()


def organisations_of(user, network: Network) -> QuerySet[Organisation]:
    """The member organisations of the network this person may agree for: their own."""
    return network.organisations.filter(memberships__user=user).order_by("name").distinct()


class AlreadyAgreed(Exception):
    """This organisation agreed before, perhaps through another of its people."""

    def __init__(self, consent: IndicatorConsent):
        super().__init__("already agreed")
        self.consent = consent


def agree(indicator: Indicator, organisation: Organisation, user) -> bool:
    """Record that `organisation` agrees, as `user`; True when the indicator counts from now.

    The caller has checked that the organisation is the user's and a member of the network.
    Two people of one organisation agreeing at once still make one agreement: the unique
    constraint lets only one of them in, and the other hears who was first.
    """
    was_counting = counts(indicator)
    try:
        with transaction.atomic():
            IndicatorConsent.objects.create(
                indicator=indicator, organisation=organisation, agreed_by=user
            )
    except IntegrityError:
        existing = IndicatorConsent.objects.select_related("agreed_by").get(
            indicator=indicator, organisation=organisation
        )
        raise AlreadyAgreed(existing) from None
    now_counting = counts(indicator)
    if now_counting and indicator.agreements_withdrawn_at is not None:
        Indicator.objects.filter(pk=indicator.pk).update(agreements_withdrawn_at=None)
        indicator.agreements_withdrawn_at = None
    return now_counting and not was_counting


def withdraw(indicator: Indicator, organisation: Organisation) -> bool:
    """Take an organisation's agreement back; True when there was one."""
    deleted, _rows = IndicatorConsent.objects.filter(
        indicator=indicator, organisation=organisation
    ).delete()
    return bool(deleted)


def changes_what_it_measures(before: dict, after: Indicator) -> bool:
    return any(before[name] != getattr(after, name) for name in WHAT_IT_MEASURES)


def snapshot(indicator: Indicator) -> dict:
    """What the indicator measures now, to compare with after a change."""
    return {name: getattr(indicator, name) for name in WHAT_IT_MEASURES}


def take_back_agreements(indicator: Indicator) -> int:
    """After a change to what it measures: every agreement goes, and the page says since when.
    Call inside the transaction that saves the change. Returns how many were taken back."""
    deleted, _rows = IndicatorConsent.objects.filter(indicator=indicator).delete()
    if deleted:
        indicator.agreements_withdrawn_at = timezone.now()
        Indicator.objects.filter(pk=indicator.pk).update(
            agreements_withdrawn_at=indicator.agreements_withdrawn_at
        )
    return deleted
