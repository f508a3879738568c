"""Monitoring a network's joint agreements, half-year by half-year, with the story behind
the numbers; and signals that cases send up to the network.

A joint agreement (*samenwerkingsafspraak*) states a result the partners want. Its
indicators are chosen together: one counts only once two member organisations agreed to
it. Each half-year is a period; when it ends its computed figures are frozen, so that later
changes to cases never rewrite them. Per indicator and period each perspective tells what
explains the figure, what works and what the partners will do.

A signal is a copy of a card in the row *Beleid en organisatie*: its text, a theme and a
month, and nothing that names the case, the child or the author. Where it came from is kept
apart (`SignalOrigin`) only so that the network's answer can reach the card.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rondom.core.versioning import Versioned
from rondom.networks.models import Network

# An indicator counts once this many member organisations agreed to it.
AGREEMENTS_NEEDED = 2


class Perspective(models.TextChoices):
    CHILD_PARENT = "child_parent", _("child and parent")
    ORGANISATIONS = "organisations", _("the organisations")
    NETWORK = "network", _("the network as a whole")


class IndicatorKind(models.TextChoices):
    HOW_MUCH = "how_much", _("how much did we do?")
    HOW_WELL = "how_well", _("how well did we do it?")
    BETTER_OFF = "better_off", _("is anyone better off?")


class Better(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class JointAgreement(Versioned):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="joint_agreements")
    result = models.CharField(
        _("result"),
        max_length=300,
        help_text=_("In one sentence, for example: every child with a question for help has "
                    "fitting help within 8 weeks."),
    )  # fmt: skip
    starts_on = models.DateField(_("runs from"))
    ends_on = models.DateField(_("runs until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("joint agreement")
        verbose_name_plural = _("joint agreements")

    def __str__(self) -> str:
        return self.result


class Signature(models.Model):
    """A partner organisation that signed a joint agreement."""

    joint_agreement = models.ForeignKey(
        JointAgreement, on_delete=models.CASCADE, related_name="signatures"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    signed_on = models.DateField(_("signed on"))

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["joint_agreement", "organisation"], name="one_signature_an_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} signed {self.joint_agreement_id}"


class Indicator(Versioned):
    joint_agreement = models.ForeignKey(
        JointAgreement, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=160)
    definition = models.TextField(_("definition in plain words"), max_length=1000)
    perspective = models.CharField(_("perspective"), max_length=20, choices=Perspective.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=IndicatorKind.choices)
    target = models.DecimalField(_("target"), max_digits=10, decimal_places=2)
    better = models.CharField(_("better is"), max_length=10, choices=Better.choices)
    # A key of the catalogue (`rondom.monitor.catalogue`), or empty for figures entered by hand.
    source = models.CharField(_("source"), max_length=60, blank=True)
    source_options = models.JSONField(_("source options"), default=dict, blank=True)
    baseline = models.DecimalField(
        _("baseline"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    # When a change to what it measures took back the organisations' agreement; cleared when it
    # counts again. The page says so, so the partners know why they are asked again.
    agreements_withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["joint_agreement", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    @property
    def is_manual(self) -> bool:
        return not self.source


class IndicatorConsent(models.Model):
    """A member organisation agrees to an indicator; it counts from two of them."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "organisation"], name="one_consent_an_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} agrees to {self.indicator_id}"


class Period(models.Model):
    """A half-year of a network: January–June (half 1) or July–December (half 2)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="periods")
    year = models.PositiveSmallIntegerField()
    half = models.PositiveSmallIntegerField(choices=[(1, "1"), (2, "2")])
    frozen_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["year", "half"]
        constraints = [
            models.UniqueConstraint(fields=["network", "year", "half"], name="one_period_a_half")
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.half}"


class PeriodValue(Versioned):
    """An indicator's figure for a period: computed and frozen, or entered by hand."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    # How many cases, children or answers stand behind the value, for the `<k` rule.
    count = models.PositiveIntegerField(null=True, blank=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    # For a figure entered by hand: where it comes from (the gemeente, the CBS, ...).
    source_note = models.CharField(_("where the figure comes from"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="one_value_a_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period}"


class Story(Versioned):
    """The story behind an indicator's figure in a period, from one perspective."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="stories")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="stories")
    perspective = models.CharField(_("perspective"), max_length=20, choices=Perspective.choices)
    explains = models.TextField(_("what explains the figure"), max_length=2000, blank=True)
    works = models.TextField(_("what works"), max_length=2000, blank=True)
    will_do = models.TextField(_("what the partners will do"), max_length=2000, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "perspective"], name="one_story_a_perspective"
            )
        ]

    def __str__(self) -> str:
        return f"story {self.indicator_id} {self.period_id} {self.perspective}"


class StoryAgreement(models.Model):
    """A network agreement made from what the partners will do."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="agreements")
    agreement = models.OneToOneField(
        "networks.NetworkAgreement", on_delete=models.CASCADE, related_name="monitor_source"
    )

    def __str__(self) -> str:
        return f"agreement {self.agreement_id} from story {self.story_id}"


class ReviewMeeting(Versioned):
    """The *leerbijeenkomst*: twice a year, on the monitor; its notes make the report."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="reviews")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField(_("held on"))
    notes = models.TextField(_("notes"), max_length=10000, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"review {self.network_id} {self.held_on}"


class SignalTheme(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="signal_themes")
    name = models.CharField(_("theme"), max_length=120)
    answer = models.TextField(_("the network's answer"), max_length=2000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["network", "name"], name="one_theme_a_name")]

    def __str__(self) -> str:
        return self.name


class Signal(models.Model):
    """What a case sent up: the text, a theme and a month. No case, child, author or time,
    and a random id, so that not even the order of sending can be matched to a case."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="signals")
    theme = models.ForeignKey(
        SignalTheme, null=True, blank=True, on_delete=models.SET_NULL, related_name="signals"
    )
    text = models.TextField(_("signal"), max_length=2000)
    month = models.DateField(help_text="The first day of the month it was sent in.")

    class Meta:
        ordering = ["-month", "pk"]

    def __str__(self) -> str:
        return f"signal {self.pk}"


class SignalOrigin(models.Model):
    """The card a signal came from, only so that the answer can reach it. Never shown to
    the network."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    signal = models.OneToOneField(Signal, on_delete=models.CASCADE, related_name="origin")
    card = models.ForeignKey("timeline.Card", on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"origin of {self.signal_id}"
