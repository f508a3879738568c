"""Meetings on a case: goal, who was there, the five steps, and the agreements card."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rondom.cases.models import Case, Participant
from rondom.core.versioning import Versioned
from rondom.timeline.models import Card


class Goal(models.TextChoices):
    INFORM = "inform", _("to inform each other about what is going on")
    DECIDE_HELP = "decide_help", _("to decide what help is needed")
    COLLABORATION = "collaboration", _("to make agreements about working together")
    OWN = "own", _("our own goal")


class Step(models.IntegerChoices):
    CHECK = 1, _("Check")
    STANDS_OUT = 2, _("What stands out")
    HELP = 3, _("The help")
    COLLABORATION = 4, _("The collaboration")
    NEXT = 5, _("What next")


# The guiding questions of each step, in our own words after the paper tool's five steps.
QUESTIONS: dict[int, tuple] = {
    Step.CHECK: (
        _("Is anything missing from the timeline?"),
        _("Is everything on it right?"),
    ),
    Step.STANDS_OUT: (
        _("What matters most to you on the timeline?"),
        _("Where do we see the child's development or the family differently?"),
        _("Which important changes do we see?"),
        _("What is new to you, and does it change how you see the situation?"),
    ),
    Step.HELP: (
        _("What went well in the help for the child and the family?"),
        _("What went less well?"),
        _("What help is still needed now?"),
    ),
    Step.COLLABORATION: (
        _("What went well in working together?"),
        _("What went less well?"),
        _("How do we go on working together?"),
    ),
    Step.NEXT: (
        _("Who does what, and when is it done? Fill in the agreements card."),
        _("When do we meet next?"),
        _("In which dossiers do the timeline and the agreements go?"),
    ),
}


class Meeting(Versioned):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    goal = models.CharField(_("goal"), max_length=20, choices=Goal.choices)
    goal_text = models.CharField(_("goal in your own words"), max_length=300, blank=True)
    next_meeting_on = models.DateField(_("next meeting"), null=True, blank=True)
    filed_in = models.CharField(
        _("filed in"),
        max_length=300,
        blank=True,
        help_text=_("The dossiers in which the timeline and the agreements are filed."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    frozen = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("meeting")

    def __str__(self) -> str:
        return f"{self.case} {self.held_on}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    guest_name = models.CharField(_("guest"), max_length=120, blank=True)
    guest_role = models.CharField(_("role"), max_length=120, blank=True)
    present = models.BooleanField(default=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.guest_name or str(self.participant)


class StepNote(Versioned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="notes")
    step = models.PositiveSmallIntegerField(choices=Step.choices)
    text = models.TextField(_("notes"), blank=True, max_length=5000)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["step"]
        constraints = [models.UniqueConstraint(fields=["meeting", "step"], name="one_note_a_step")]

    def __str__(self) -> str:
        return f"step {self.step}"


class Factor(models.Model):
    class Kind(models.TextChoices):
        HELPING = "helping", _("helping")
        HINDERING = "hindering", _("hindering")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="factors")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("factor"), max_length=300)

    class Meta:
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return self.text


class KeyMoment(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="key_moments")
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="key_moments")
    note = models.CharField(_("why it matters"), max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "card"], name="one_mark_a_card")]

    def __str__(self) -> str:
        return f"key moment {self.card_id}"


class Agreement(Versioned):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agreements")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agreements")
    what = models.CharField(_("what"), max_length=300)
    owner = models.ForeignKey(
        Participant, verbose_name=_("who"), on_delete=models.RESTRICT, related_name="agreements"
    )
    due_on = models.DateField(_("done by"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    status_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_set_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("agreement")

    def __str__(self) -> str:
        return self.what

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_on < timezone.localdate()


class ReminderSent(models.Model):
    """One line per agreement per day, so a reminder never goes out twice on the same day."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "sent_on"], name="one_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"reminder {self.agreement_id} {self.sent_on}"
