from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rondom.cases.models import Case
from rondom.core.limits import check_work_date
from rondom.core.text import PlainTextMixin
from rondom.core.versioning import VersionedForm

from .models import Agreement, Factor, KeyMoment, Meeting, StepNote
from .wording import shorten


class MeetingForm(PlainTextMixin, VersionedForm):
    present = forms.ModelMultipleChoiceField(
        label=_("who is there"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests = forms.CharField(
        label=_("guests"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: name, role. For example: Fatima Amrani, tolk"),
    )

    class Meta:
        model = Meeting
        fields = ["held_on", "goal", "goal_text"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = case.participants.all()
        self.fields["held_on"].validators.append(check_work_date)
        self.fields["goal"].widget = forms.RadioSelect(choices=self.fields["goal"].choices[1:])
        if not self.is_bound and not self.instance.pk:
            self.initial["held_on"] = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("goal") == "own" and not cleaned.get("goal_text"):
            self.add_error("goal_text", _("Write down your own goal."))
        return cleaned

    def clean_guests(self) -> list[tuple[str, str]]:
        guests = []
        for line in self.cleaned_data.get("guests", "").splitlines():
            if line.strip():
                name, _sep, role = line.partition(",")
                guests.append((name.strip()[:120], role.strip()[:120]))
        return guests


class NoteForm(PlainTextMixin, VersionedForm):
    class Meta:
        model = StepNote
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}


class FactorForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Factor
        fields = ["kind", "text"]


def card_choice_label(card) -> str:
    """Whose card, its date and how it begins: enough to tell cards apart in a dropdown."""
    return gettext("%(name)s (%(letter)s), %(date)s: %(text)s") % {
        "name": card.author.name,
        "letter": card.author.letter,
        "date": card.date_text or gettext("no date"),
        "text": shorten(card.text, 60),
    }


class KeyMomentForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = KeyMoment
        fields = ["card", "note"]

    def __init__(self, *args, cards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["card"].queryset = cards
        self.fields["card"].label = _("card")
        self.fields["card"].label_from_instance = card_choice_label


class AgreementForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["what", "owner", "due_on"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, case: Case, meeting: Meeting | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["owner"].queryset = case.participants.all()
        self.fields["due_on"].validators.append(check_work_date)

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        # Due before the meeting that made it: nearly always a mistyped year or month.
        if self.meeting is not None and due_on < self.meeting.held_on:
            raise forms.ValidationError(
                _(
                    "This date lies before the meeting of %(date)s. An agreement is done on "
                    "the day of the meeting or later: check the date."
                ),
                code="before_meeting",
                params={"date": date_format(self.meeting.held_on, "j F Y")},
            )
        return due_on


class FollowUpForm(PlainTextMixin, VersionedForm):
    class Meta:
        model = Meeting
        fields = ["next_meeting_on", "filed_in"]
        widgets = {"next_meeting_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_meeting_on"].validators.append(check_work_date)
