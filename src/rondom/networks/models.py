"""A network (netwerk): organisations that work together on one area, and its coordinators.

A network sees figures across its cases, never a child. A case counts in a network when the
organisation of one of its case managers is a member (see `rondom.networks.access`).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rondom.core.versioning import Versioned

# Below this many children or families a figure would come close to naming them. Only a
# network that counts anonymous cases alone (a research project) may go lower.
DEFAULT_MIN_CELL = 10


class Network(models.Model):
    name = models.CharField(_("name"), max_length=160, unique=True)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    min_cell = models.PositiveSmallIntegerField(
        _("smallest number shown"),
        default=DEFAULT_MIN_CELL,
        validators=[MinValueValidator(1)],
        help_text=_(
            "A figure below this number is shown as '<k'. At least 10, unless the network "
            "counts anonymous cases only."
        ),
    )
    anonymous_only = models.BooleanField(
        _("anonymous cases only"),
        default=False,
        help_text=_(
            "Count only anonymous cases, as a research project does. Only then may the "
            "smallest number shown be below 10."
        ),
    )
    organisations = models.ManyToManyField(
        "accounts.Organisation",
        through="NetworkMember",
        related_name="networks",
        verbose_name=_("member organisations"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_cell__gte=DEFAULT_MIN_CELL)
                | models.Q(anonymous_only=True, min_cell__gte=1),
                name="network_min_cell_protects_named_cases",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.anonymous_only and (self.min_cell or 0) < DEFAULT_MIN_CELL:
            raise ValidationError(
                {"min_cell": _("Below 10 only in a network that counts anonymous cases only.")}
            )


class NetworkMember(models.Model):
    """An organisation taking part in a network."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="network_memberships",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"], name="one_network_member")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} in {self.network_id}"


class NetworkRole(models.Model):
    """An account's role in a network. Coordinators see its figures and manage its members."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="network_roles",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.COORDINATOR
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["network", "user__email"]
        verbose_name = _("network role")
        verbose_name_plural = _("network roles")
        constraints = [
            models.UniqueConstraint(fields=["network", "user", "role"], name="one_network_role")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.role} in {self.network_id}"


class NetworkAgreement(Versioned):
    """An agreement the network makes about its own working together: what, who, by when.

    It comes from a priority in the samenwerkingsscan (or later from the monitor) and is
    followed up like a case's agreement: in *Mijn afspraken*, in the reminders, and on the
    network's page. Its owner is a person, or a member organisation; the reminders for an
    organisation's agreement go to the coordinator who made it.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="agreements")
    what = models.CharField(_("what"), max_length=300)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who (a person)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="network_agreements",
    )
    owner_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("who (an organisation)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="network_agreements",
    )
    due_on = models.DateField(_("done by"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    outcome = models.CharField(
        _("what came of it"),
        max_length=500,
        blank=True,
        help_text=_("A sentence on what the agreement brought, for the next round."),
    )
    status_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_set_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("network agreement")
        verbose_name_plural = _("network agreements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner_user__isnull=True)
                ^ models.Q(owner_organisation__isnull=True),
                name="network_agreement_has_one_owner",
            )
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="network_agreement_due")]

    def __str__(self) -> str:
        return self.what

    @property
    def owner_name(self) -> str:
        if self.owner_user_id:
            return self.owner_user.get_full_name() or self.owner_user.email
        return self.owner_organisation.name

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_on < timezone.localdate()


class NetworkReminderSent(models.Model):
    """One line per network agreement per day, so a reminder never goes out twice a day."""

    agreement = models.ForeignKey(NetworkAgreement, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "sent_on"], name="one_network_reminder_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"reminder {self.agreement_id} {self.sent_on}"
