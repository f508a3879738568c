"""Planning a review meeting for a half-year, and its notes."""

from datetime import date

from django import forms
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rondom.core.limits import check_work_date
from rondom.core.text import PlainTextMixin
from rondom.core.versioning import VersionedForm
from rondom.insights.periods import half_year_label, recent_half_years
from rondom.networks.models import Network

from .models import Period, ReviewMeeting


def _key(year: int, half: int) -> str:
    return f"{year}-{half}"


class ReviewPlanForm(forms.Form):
    """Which half-year the meeting looks back on, and the day it is held."""

    period = forms.ChoiceField(
        label=_("Half-year"),
        error_messages={
            "required": _("Choose the half-year the meeting is about."),
            "invalid_choice": _("Choose one of the half-years in the list."),
        },
    )
    held_on = forms.DateField(
        label=_("Held on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[check_work_date],
        error_messages={
            "required": _("Give the day of the meeting."),
            "invalid": _("Give a date, for example 15-07-2026."),
        },
    )

    def __init__(self, *args, network: Network, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        keys = set(recent_half_years(today, 4))
        keys |= {_key(year, half) for year, half in network.periods.values_list("year", "half")}
        newest_first = sorted(keys, key=lambda key: tuple(map(int, key.split("-"))), reverse=True)
        self.fields["period"].choices = [("", gettext("Choose a half-year"))] + [
            (key, str(half_year_label(key))) for key in newest_first
        ]
        # Usually the half-year that has just ended: its figures are frozen by then.
        self.fields["period"].initial = recent_half_years(today, 2)[1]

    def clean(self):
        cleaned = super().clean()
        key = cleaned.get("period")
        if key:
            year, half = map(int, key.split("-"))
            planned = ReviewMeeting.objects.filter(
                network=self.network, period__year=year, period__half=half
            ).first()
            if planned is not None:
                self.add_error(
                    "period",
                    forms.ValidationError(
                        _("A review meeting for this half-year is planned already, on "
                          "%(date)s."),
                        code="twice",
                        params={"date": formats.date_format(planned.held_on, "j-n-Y")},
                    ),
                )  # fmt: skip
        return cleaned

    def save(self) -> ReviewMeeting:
        year, half = map(int, self.cleaned_data["period"].split("-"))
        period, _made = Period.objects.get_or_create(network=self.network, year=year, half=half)
        return ReviewMeeting.objects.create(
            network=self.network, period=period, held_on=self.cleaned_data["held_on"]
        )


class ReviewNotesForm(PlainTextMixin, VersionedForm):
    class Meta:
        model = ReviewMeeting
        fields = ["notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "notes": _(
                "What the partners saw, learned and decided. The notes go into the report; "
                "write no names of children or families."
            )
        }
