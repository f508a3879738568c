"""A network (netwerk): organisations that work together on one area, and its coordinators.

A network sees figures across its cases, never a child. A case counts in a network when the
organisation of one of its case managers is a member (see `rondom.networks.access`).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

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
