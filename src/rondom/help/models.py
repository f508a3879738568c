"""Questions for help (hulpvragen) and how satisfied each party is with the help.

The help itself stays on the timeline as help cards. A help card may answer a question
(`Card.question`); help may also come without one, and a question may stay without help.
Seeing both, per domain, is what the research behind the paper tool counted by hand.
"""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rondom.cases.models import PARENT_ROLES, Case, Child, Participant, Role
from rondom.core.vague_dates import DatedAsWritten
from rondom.core.versioning import Versioned
from rondom.timeline.kinds import FAMILY_DOMAINS, Domain


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("open")
    HELPED = "helped", _("help under way")
    RESOLVED = "resolved", _("resolved")
    NOT_PURSUED = "not_pursued", _("not pursued")


class HelpQuestion(Versioned, DatedAsWritten):
    """A question for help in one domain: for the family (the parents' domains) or for one
    child (the child's domains)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="help_questions")
    child = models.ForeignKey(
        Child,
        verbose_name=_("about"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="help_questions",
    )
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices)
    text = models.CharField(_("the question"), max_length=300, blank=True)
    raised_by = models.ForeignKey(
        Participant,
        verbose_name=_("raised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_questions_raised",
    )
    # Since when the question is there; the rest of the date comes from DatedAsWritten.
    date_text = models.CharField(_("since when"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    card = models.ForeignKey(
        "timeline.Card",
        verbose_name=_("shows on the card"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shown_questions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("question for help")
        verbose_name_plural = _("questions for help")
        indexes = [models.Index(fields=["case", "domain"], name="help_question_case_domain")]

    def __str__(self) -> str:
        return f"question {self.pk} ({self.domain}) in case {self.case_id}"

    def mark_helped(self) -> bool:
        """Open becomes "help under way", as the next version; a question someone has given
        another status meanwhile is left as it is. Whether it moved."""
        moved = HelpQuestion.objects.filter(pk=self.pk, status=QuestionStatus.OPEN).update(
            status=QuestionStatus.HELPED, version=F("version") + 1, updated_at=timezone.now()
        )
        if moved:
            self.refresh_from_db(fields=["status", "version", "updated_at"])
        return bool(moved)

    @property
    def is_for_family(self) -> bool:
        return self.domain in FAMILY_DOMAINS


class Party(models.TextChoices):
    """Who speaks in the satisfaction with the help, as the research asked it."""

    PARENTS = "parents", _("parents")
    SCHOOL = "school", _("school")
    YOUTH_CARE = "youth_care", _("youth care")
    OTHER = "other", _("childcare or other")


def party_of(role: str) -> Party:
    if role in PARENT_ROLES:
        return Party.PARENTS
    if role == Role.SCHOOL:
        return Party.SCHOOL
    if role == Role.YOUTH_CARE:
        return Party.YOUTH_CARE
    return Party.OTHER


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("satisfied")
    PARTLY = "partly", _("partly satisfied")
    NOT_SATISFIED = "not_satisfied", _("not satisfied")


class SatisfactionReason(models.TextChoices):
    """Why people are or are not satisfied with help, in our words after §4.4 of the research."""

    NEEDS_CLEAR = "needs_clear", _("It is clear what the child and the family need")
    HELP_FITS = "help_fits", _("The help fits what the child needs")
    HELP_TOGETHER = "help_together", _("Help at home and at school strengthen each other")
    GOOD_TEAMWORK = "good_teamwork", _("We work together and talk well")
    SKILLED = "skilled", _("The people who help know their work")
    NO_FITTING_HELP = "no_fitting_help", _("There is no fitting help or school place")
    WAITING = "waiting", _("It takes long before help starts")
    OTHER_PROBLEMS = "other_problems", _("Other problems, such as housing, stay unsolved")
    POOR_MATCH = "poor_match", _("The helper does not match the child")
    POOR_TEAMWORK = "poor_teamwork", _("Working together or talking does not go well")
    TOO_MANY = "too_many", _("Too many people, or too many changes of people")


class HelpSatisfaction(models.Model):
    """One party's view of the help so far, given at a meeting or when the case is closed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="help_satisfactions")
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("who"),
        on_delete=models.CASCADE,
        related_name="help_satisfactions",
    )
    # Stored as well as derivable: the party is what was true when the answer was given.
    party = models.CharField(_("party"), max_length=12, choices=Party.choices)
    satisfaction = models.CharField(_("how satisfied"), max_length=14, choices=Satisfaction.choices)
    remark = models.CharField(_("in a few words"), max_length=300, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_satisfactions",
    )
    at_close = models.BooleanField(_("when the case closed"), default=False)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_at", "-pk"]
        verbose_name = _("satisfaction with the help")
        verbose_name_plural = _("satisfaction with the help")
        indexes = [
            models.Index(fields=["case", "participant", "-given_at"], name="help_sat_latest")
        ]

    def __str__(self) -> str:
        return f"satisfaction {self.pk} in case {self.case_id}"


class HelpSatisfactionReason(models.Model):
    """A reason picked with an answer; one row each, so figures can count them in SQL."""

    answer = models.ForeignKey(HelpSatisfaction, on_delete=models.CASCADE, related_name="reasons")
    reason = models.CharField(max_length=20, choices=SatisfactionReason.choices)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "reason"], name="one_reason_per_answer")
        ]

    def __str__(self) -> str:
        return self.reason
