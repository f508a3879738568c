from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rondom.accounts.models import Organisation
from rondom.core.limits import check_birth_date, check_work_date
from rondom.core.text import PlainTextMixin
from rondom.core.versioning import VersionedForm

from .colours import next_colour
from .invitations import role_misfit
from .models import (
    PARENT_ROLES,
    ROLE_LETTERS,
    Case,
    Child,
    Consent,
    Participant,
)


class CaseForm(PlainTextMixin, VersionedForm):
    class Meta:
        model = Case
        fields = ["title"]


class ChildForm(PlainTextMixin, VersionedForm):
    class Meta:
        model = Child
        fields = ["name", "date_of_birth"]
        widgets = {"date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_date_of_birth(self) -> date:
        value = self.cleaned_data["date_of_birth"]
        check_birth_date(value, timezone.localdate())
        return value


class ParticipantForm(PlainTextMixin, VersionedForm):
    class Meta:
        model = Participant
        fields = ["name", "role", "letter", "colour", "organisation", "function"]
        widgets = {"colour": forms.TextInput(attrs={"type": "color"})}

    def __init__(self, *args, case: Case | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case or (self.instance.case if self.instance.case_id else None)
        self.fields["letter"].required = False
        self.fields["colour"].required = False
        if self.instance.pk is None:
            # A colour input always sends a colour, black when nobody picked one: so it starts
            # at the colour this person would get anyway.
            self.initial.setdefault("colour", next_colour(self.case))
        self.fields["letter"].help_text = _(
            "Leave empty for the usual letter: "
            "O parents, M mother, V father, S school, J youth care."
        )

    def clean_letter(self) -> str:
        return self.cleaned_data["letter"].strip().upper()

    def clean_colour(self) -> str:
        colour = self.cleaned_data["colour"].strip()
        if colour and not (
            len(colour) == 7
            and colour[0] == "#"
            and all(c in "0123456789abcdefABCDEF" for c in colour[1:])
        ):
            raise forms.ValidationError(_("Choose a colour, for example #0b57d0."))
        return colour.lower()

    def clean(self):
        cleaned = super().clean()
        letter = ROLE_LETTERS.get(cleaned.get("role"), "?")
        user = self.instance.user if self.instance.user_id else None
        if (
            user is not None
            and cleaned.get("role")
            and (misfit := role_misfit(cleaned["role"], user))
        ):
            self.add_error("role", misfit)
        cleaned["letter"] = cleaned.get("letter") or letter
        cleaned["colour"] = cleaned.get("colour") or next_colour(self.case)
        return cleaned


def _a_year_after(day: date) -> date:
    """The same day a year later; 29 February becomes 28 February."""
    if day.month == 2 and day.day == 29:
        day = day.replace(day=28)
    return day.replace(year=day.year + 1)


class ConsentForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Consent
        fields = [
            "given_by",
            "participant",
            "organisation",
            "timeline",
            "meetings",
            "agreements",
            "purpose",
            "valid_from",
            "valid_until",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "purpose": _("For example: to put the timeline together and discuss it in a meeting."),
        }

    def __init__(self, *args, case: Case, given_by: Participant | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        people = case.participants.all()
        self.fields["given_by"].queryset = people.filter(role__in=PARENT_ROLES)
        self.fields["participant"].queryset = people.exclude(role__in=PARENT_ROLES)
        self.fields["organisation"].queryset = Organisation.objects.all()
        for name in ("valid_from", "valid_until"):
            self.fields[name].validators.append(check_work_date)
        if given_by is not None:
            # A parent records their own consent; a case manager records one given on paper.
            del self.fields["given_by"]
            self.instance.given_by = given_by
        if not self.is_bound:
            today = timezone.localdate()
            self.initial.setdefault("valid_from", today)
            self.initial.setdefault("valid_until", _a_year_after(today))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("participant") and not cleaned.get("organisation"):
            raise forms.ValidationError(_("Choose a person or an organisation."))
        if not (cleaned.get("timeline") or cleaned.get("meetings") or cleaned.get("agreements")):
            raise forms.ValidationError(_("Choose what may be shared."))
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end lies before the start."))
        return cleaned


class InvitationForm(PlainTextMixin, forms.Form):
    email = forms.EmailField(label=_("email address"))
