"""A case (casus): the children, the people involved and the school career."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rondom.core.dates import age_on
from rondom.core.versioning import Versioned


class Case(Versioned):
    title = models.CharField(
        _("name of the case"),
        max_length=120,
        help_text=_("For example the family name, or a pseudonym."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_(
            "Without consent a case is discussed anonymously: no names, no parents' accounts."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_in = models.CharField(
        _("filed in"),
        max_length=300,
        blank=True,
        help_text=_("The dossiers in which the timeline and the agreements have been filed."),
    )

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.title


class Child(Versioned):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="children")
    name = models.CharField(_("first name or pseudonym"), max_length=80)
    date_of_birth = models.DateField(_("date of birth"))

    class Meta:
        ordering = ["date_of_birth", "pk"]
        verbose_name = _("child")
        verbose_name_plural = _("children")

    def __str__(self) -> str:
        return self.name

    @property
    def age(self) -> int:
        """Whole years today; an anonymous case shows this instead of the date of birth."""
        from django.utils import timezone

        return age_on(self.date_of_birth, timezone.localdate())


class Role(models.TextChoices):
    PARENTS = "parents", _("parents")
    MOTHER = "mother", _("mother")
    FATHER = "father", _("father")
    CARER = "carer", _("carer")
    CHILD = "child", _("child")
    SCHOOL = "school", _("school")
    YOUTH_CARE = "youth_care", _("youth care")
    CHILDCARE = "childcare", _("childcare")
    OTHER = "other", _("other")


# The paper tool's letters (O, M, V, S, J), for a person whose letter is left empty. Colours
# do not follow the role: each new person gets a colour of their own (see `colours.py`).
ROLE_LETTERS: dict[str, str] = {
    Role.PARENTS: "O",
    Role.MOTHER: "M",
    Role.FATHER: "V",
    Role.CARER: "O",
    Role.CHILD: "K",
    Role.SCHOOL: "S",
    Role.YOUTH_CARE: "J",
    Role.CHILDCARE: "P",
    Role.OTHER: "A",
}

PARENT_ROLES = {Role.PARENTS, Role.MOTHER, Role.FATHER, Role.CARER}


class Participant(Versioned):
    """A betrokkene: someone involved in the case, with or without an account."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    letter = models.CharField(
        _("letter"), max_length=2, help_text=_("Shown on every card this person fills in.")
    )
    colour = models.CharField(_("colour"), max_length=7)
    organisation = models.CharField(_("organisation"), max_length=120, blank=True)
    function = models.CharField(_("function"), max_length=120, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participations",
    )
    is_case_manager = models.BooleanField(_("case manager"), default=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=models.Q(user__isnull=False),
                name="one_participant_per_account_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.letter} · {self.name}"

    @property
    def is_parent(self) -> bool:
        return self.role in PARENT_ROLES


class Withdrawable(models.Model):
    """Who recorded a consent and when, and whether and when it was withdrawn."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class Consent(Withdrawable):
    """Consent of a parent with authority: who may share and see what, for what, and how long."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    given_by = models.ForeignKey(
        Participant,
        verbose_name=_("given by"),
        on_delete=models.CASCADE,
        related_name="consents_given",
        limit_choices_to={"role__in": sorted(r.value for r in PARENT_ROLES)},
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("for this person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consents",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("or for this organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consents",
    )
    timeline = models.BooleanField(_("the timeline"), default=True)
    meetings = models.BooleanField(_("meetings"), default=True)
    agreements = models.BooleanField(_("agreements"), default=True)
    purpose = models.CharField(_("purpose"), max_length=300)
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until"))

    class Meta:
        ordering = ["-valid_from", "pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(participant__isnull=False)
                | models.Q(organisation__isnull=False),
                name="consent_has_a_subject",
            )
        ]

    def __str__(self) -> str:
        return f"consent {self.pk} in case {self.case_id}"


class FiguresConsent(Withdrawable):
    """A parent's yes to counting the case, without names, in figures across cases (the
    insight report of a network or of a case manager). Off until a parent says yes; withdrawn,
    the case leaves the very next report. A named case counts only while one runs."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="figures_consents")
    given_by = models.ForeignKey(
        Participant,
        verbose_name=_("given by"),
        on_delete=models.CASCADE,
        related_name="figures_consents_given",
        limit_choices_to={"role__in": sorted(r.value for r in PARENT_ROLES)},
    )

    class Meta:
        ordering = ["-recorded_at", "pk"]
        verbose_name = _("consent for figures")
        verbose_name_plural = _("consents for figures")
        indexes = [
            models.Index(
                fields=["case"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="figures_consent_running",
            )
        ]

    def __str__(self) -> str:
        return f"figures consent {self.pk} in case {self.case_id}"


class ErasureRequest(models.Model):
    """A parent's request to erase the family's data, and how the case manager handled it.

    It keeps the case's number, not a link, so the record outlives the erased case.
    """

    class Outcome(models.TextChoices):
        ERASED = "erased", _("erased")
        REFUSED = "refused", _("refused")

    case_id_number = models.BigIntegerField(db_index=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(_("why (optional)"), max_length=500, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    explanation = models.CharField(_("explanation to the parent"), max_length=500, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"erasure request {self.pk} for case {self.case_id_number}"
