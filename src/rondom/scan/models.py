"""The samenwerkingsscan: a team rates the conditions of its collaboration, round after round.

Who answered and what was answered are kept apart. An `Invitation` knows a person and
whether they have answered; a `Response` knows the answers and a sector, and nothing that
leads back to the invitation: no foreign key, no timestamp, a random primary key, and a
`key` that only the server's scan key can compute from an invitation (see
`rondom.scan.respondents`).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rondom.networks.models import Network

# A network adds at most this many statements of its own to the instrument.
MAX_OWN_STATEMENTS = 5


class Audience(models.TextChoices):
    PROFESSIONAL = "professional", _("professionals")
    PARENT = "parent", _("parents")


class Level(models.TextChoices):
    GOVERNANCE = "governance", _("Governance and policy")
    RELATIONS = "relations", _("Working relations")
    PROFESSIONAL = "professional", _("The professionals")
    PROCESS = "process", _("The way we work")
    INFORMATION = "information", _("Sharing information")
    PARENT_TOGETHER = "parent_together", _("Together with you")
    PARENT_HELP = "parent_help", _("The help for your child")


LEVELS_OF = {
    Audience.PROFESSIONAL: [
        Level.GOVERNANCE,
        Level.RELATIONS,
        Level.PROFESSIONAL,
        Level.PROCESS,
        Level.INFORMATION,
    ],
    Audience.PARENT: [Level.PARENT_TOGETHER, Level.PARENT_HELP],
}


class Sector(models.TextChoices):
    SCHOOL = "school", _("school")
    YOUTH_CARE = "youth_care", _("youth care")
    CHILDCARE = "childcare", _("childcare")
    PARENT = "parent", _("parent")
    MUNICIPALITY = "municipality", _("municipality")
    OTHER = "other", _("other")


def audience_of(sector: str) -> str:
    """Parents answer the parent version; every other sector the professional one."""
    return Audience.PARENT if sector == Sector.PARENT else Audience.PROFESSIONAL


class Instrument(models.Model):
    """One published version of the statements. Its statements never change."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    published_on = models.DateField(_("published on"))

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("scan version")
        verbose_name_plural = _("scan versions")

    def __str__(self) -> str:
        return self.version

    @classmethod
    def current(cls) -> "Instrument":
        return cls.objects.order_by("-published_on", "-pk").first()


class Statement(models.Model):
    """A statement of an instrument version, or one a network wrote for itself.

    The instrument's texts are English source strings with a translation in the catalogue;
    a network's own statement is shown as its coordinator wrote it.
    """

    instrument = models.ForeignKey(
        Instrument, null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    network = models.ForeignKey(
        Network, null=True, blank=True, on_delete=models.CASCADE, related_name="scan_statements"
    )
    audience = models.CharField(_("for"), max_length=20, choices=Audience.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    code = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("statement"), max_length=300)
    retired = models.BooleanField(
        _("no longer asked"),
        default=False,
        help_text=_("A statement of the network's own that new rounds leave out."),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(instrument__isnull=True) ^ models.Q(network__isnull=True),
                name="statement_of_instrument_or_network",
            ),
            models.UniqueConstraint(
                fields=["instrument", "code"],
                condition=models.Q(instrument__isnull=False),
                name="one_code_a_version",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_own(self) -> bool:
        return self.network_id is not None

    @property
    def shown_text(self) -> str:
        return self.text if self.is_own else gettext(self.text)


class Round(models.Model):
    """One time a network, or one team in it, fills in the scan."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="scan_rounds")
    team = models.CharField(
        _("team"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty for the whole network."),
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="rounds")
    own_statements = models.ManyToManyField(
        Statement, blank=True, related_name="rounds", verbose_name=_("statements of our own")
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The earlier round of the same network and team that this one is compared with."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the aggregates are stored in `StatementResult` and the answers deleted.
    answers_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("scan round")
        verbose_name_plural = _("scan rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="round_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        where = self.team or self.network.name
        return gettext("%(where)s, %(start)s") % {
            "where": where,
            "start": self.opens_on.strftime("%d-%m-%Y"),
        }

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    def has_closed(self, today=None) -> bool:
        return (today or timezone.localdate()) > self.closes_on


class Invitation(models.Model):
    """A person asked to fill in a round, and whether they have. It holds no answers.

    `token_hash` is the SHA-256 of the personal link's secret, to find the invitation by its
    link; the secret itself is only in the emails.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scan_invitations",
    )
    # Empty (NULL, which a unique column allows many times) only until the invitation has
    # an id, from which its link is made.
    token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    reminded_on = models.DateField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["round", "email"], name="one_invitation_a_person")
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk}"


class Response(models.Model):
    """One person's answers in a round, without the person."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    key = models.CharField(max_length=64, unique=True, editable=False)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    submitted = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["round", "submitted"], name="scan_response_round")]

    def __str__(self) -> str:
        return "response"


SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Answer(models.Model):
    """The answer to one statement. `now` is empty with `dont_know` for "weet ik niet"."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="+")
    now = models.PositiveSmallIntegerField(_("how it stands now"), null=True, validators=SCORE)
    dont_know = models.BooleanField(_("I don't know"), default=False)
    importance = models.PositiveSmallIntegerField(_("how important"), null=True, validators=SCORE)
    act = models.BooleanField(_("shall we work on it?"), null=True)
    remark = models.TextField(_("remark"), max_length=1000, blank=True)
    remark_hidden = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "statement"], name="one_answer_a_statement"
            ),
            models.CheckConstraint(
                condition=models.Q(now__isnull=True) | models.Q(now__gte=1, now__lte=5),
                name="answer_now_on_scale",
            ),
            models.CheckConstraint(
                condition=models.Q(importance__isnull=True)
                | models.Q(importance__gte=1, importance__lte=5),
                name="answer_importance_on_scale",
            ),
            models.CheckConstraint(
                condition=~models.Q(dont_know=True, now__isnull=False),
                name="answer_dont_know_without_score",
            ),
        ]

    def __str__(self) -> str:
        return "answer"


class StatementResult(models.Model):
    """The sums of one statement's answers in one sector, kept after the answers are deleted.

    Sums rather than averages, so that sectors can be pooled and levels combined later.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="statement_results")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="+")
    sector = models.CharField(max_length=20, choices=Sector.choices)
    now_count = models.PositiveIntegerField(default=0)
    now_sum = models.PositiveIntegerField(default=0)
    now_square_sum = models.PositiveIntegerField(default=0)
    dont_know_count = models.PositiveIntegerField(default=0)
    importance_count = models.PositiveIntegerField(default=0)
    importance_sum = models.PositiveIntegerField(default=0)
    act_count = models.PositiveIntegerField(default=0)
    act_yes = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "statement", "sector"], name="one_result_a_statement_sector"
            )
        ]

    def __str__(self) -> str:
        return f"result {self.round_id} {self.statement_id} {self.sector}"


class SectorResult(models.Model):
    """How many people of a sector answered a round, kept after the answers are deleted."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sector_results")
    sector = models.CharField(max_length=20, choices=Sector.choices)
    respondents = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "sector"], name="one_count_a_sector")
        ]

    def __str__(self) -> str:
        return f"{self.sector}: {self.respondents}"


class StatementAgreement(models.Model):
    """A network agreement made from a statement of a round's results."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="statement_agreements")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="+")
    agreement = models.OneToOneField(
        "networks.NetworkAgreement", on_delete=models.CASCADE, related_name="scan_source"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"agreement {self.agreement_id} on {self.statement_id}"
