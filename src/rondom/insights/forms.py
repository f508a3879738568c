"""The filters of a report, read from the query string (the page, the downloads and the API)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rondom.core.limits import check_work_date

from .periods import (
    AGE_GROUPS,
    Period,
    half_year_key,
    half_year_label,
    parse_half_year,
    recent_half_years,
)

CUSTOM = "custom"


class InsightFilterForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), required=False)
    start = forms.DateField(
        label=_("From"), required=False, validators=[check_work_date],
        widget=forms.DateInput(attrs={"type": "date"}),
    )  # fmt: skip
    end = forms.DateField(
        label=_("Until"), required=False, validators=[check_work_date],
        widget=forms.DateInput(attrs={"type": "date"}),
    )  # fmt: skip
    organisation = forms.ModelChoiceField(
        label=_("Member organisation"), queryset=None, required=False,
        empty_label=_("all members"),
    )  # fmt: skip
    age = forms.ChoiceField(label=_("Age of the child"), required=False)

    def __init__(self, data=None, *, organisations=None):
        super().__init__(data)
        today = timezone.localdate()
        halves = recent_half_years(today)
        self.fields["period"].choices = [(key, half_year_label(key)) for key in halves] + [
            (CUSTOM, _("from – until (below)"))
        ]
        self.fields["period"].initial = halves[0]
        self.fields["age"].choices = [("", _("all ages"))] + [
            (group.key, group.label) for group in AGE_GROUPS
        ]
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations

    def clean_period(self) -> str:
        value = self.cleaned_data.get("period") or ""
        # An older half-year than the list offers is fine too, as a link may carry it.
        if value and value != CUSTOM and parse_half_year(value) is None:
            raise forms.ValidationError(_("Choose a half-year, or a period from – until."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("period") == CUSTOM or (not data.get("period") and data.get("start")):
            start, end = data.get("start"), data.get("end")
            if start is None or end is None:
                if not self.errors:
                    raise forms.ValidationError(_("Give both the first and the last day."))
            elif end < start:
                raise forms.ValidationError(_("The last day comes before the first day."))
        return data

    def period_chosen(self) -> Period:
        """The period of a valid form: the half-year, the range, or the current half-year."""
        data = self.cleaned_data
        if data.get("start") and data.get("end") and data.get("period") in (CUSTOM, ""):
            return Period(data["start"], data["end"])
        key = data.get("period") or half_year_key(timezone.localdate())
        return parse_half_year(key) or parse_half_year(half_year_key(timezone.localdate()))

    def described(self) -> list[tuple[str, str]]:
        """The filters in words, for the head of the report and its downloads."""
        data = self.cleaned_data
        out = []
        if data.get("organisation"):
            out.append((_("Member organisation"), data["organisation"].name))
        if data.get("age"):
            group = dict(self.fields["age"].choices)[data["age"]]
            out.append((_("Age of the child"), str(group)))
        return out
