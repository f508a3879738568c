from django import forms
from django.utils.translation import gettext_lazy as _

from rondom.core.dates import school_year_of
from rondom.core.limits import FIRST_SCHOOL_YEAR, LAST_SCHOOL_YEAR, check_school_years
from rondom.core.text import PlainTextMixin
from rondom.core.vague_dates import read_vague_date
from rondom.core.versioning import VersionedForm

from .changes import career_changed, set_group_sequence
from .models import Group, SchoolPeriod

GROUP_CHOICES = {choice.value for choice in Group}
GROUP_ALIASES = {"peuter": "peuter", "peuters": "peuter", "peutergroep": "peuter", "p": "peuter"}


def parse_group_sequence(text: str) -> list[str]:
    """'1 2 3 4 4 5' or '1, 2, 3' → the groups in order; a repeated group simply appears twice."""
    groups = []
    for token in text.replace(",", " ").split():
        token = token.lower().removeprefix("groep")
        token = GROUP_ALIASES.get(token, token)
        if token not in GROUP_CHOICES:
            raise forms.ValidationError(
                _("“%(value)s” is not a group. Use peuter or 1 to 8, for example: 1 2 3 4 4 5."),
                params={"value": token},
            )
        groups.append(token)
    return groups


class SchoolPeriodForm(PlainTextMixin, VersionedForm):
    groups = forms.CharField(
        label=_("groups, in order"),
        required=False,
        help_text=_("One group per school year, for example 1 2 3 4 4 5 (4 twice: repeated)."),
    )
    first_school_year = forms.IntegerField(
        label=_("first school year starts in"),
        required=False,
        min_value=FIRST_SCHOOL_YEAR,
        max_value=LAST_SCHOOL_YEAR,
        help_text=_("Leave empty to start with the school year of the start date."),
    )

    class Meta:
        model = SchoolPeriod
        fields = ["kind", "name", "start_text", "end_text", "note"]
        help_texts = {
            "start_text": _("For example 8-2016, augustus 2016 or 2016."),
            "end_text": _("Leave empty if it still goes on."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            years = list(self.instance.group_years.all())
            self.initial["groups"] = " ".join(gy.group for gy in years)
            if years:
                self.initial["first_school_year"] = years[0].school_year

    def clean_start_text(self) -> str:
        text = self.cleaned_data["start_text"].strip()
        if not text:
            raise forms.ValidationError(_("When did this period start?"))
        self.start = read_vague_date(text, placed=True)
        return text

    def clean_end_text(self) -> str:
        text = self.cleaned_data["end_text"].strip()
        self.end = read_vague_date(text, placed=True) if text else None
        return text

    def clean_groups(self) -> list[str]:
        return parse_group_sequence(self.cleaned_data.get("groups", ""))

    def clean(self):
        cleaned = super().clean()
        if "start_text" in cleaned:
            self.instance.store_dates(self.start, getattr(self, "end", None))
        starts_on, ends_on = self.instance.starts_on, self.instance.ends_on
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("end_text", _("The end lies before the start."))
        if starts_on and not cleaned.get("first_school_year"):
            cleaned["first_school_year"] = school_year_of(starts_on)
        groups, first = cleaned.get("groups"), cleaned.get("first_school_year")
        if groups and first:
            try:
                check_school_years(first, len(groups))
            except forms.ValidationError as error:
                self.add_error("first_school_year", error)
        return cleaned

    def place_groups(self, period: SchoolPeriod) -> None:
        """Give the saved period the groups this form names, one school year each, and tell
        the components that follow the career."""
        cleaned = self.cleaned_data
        set_group_sequence(period, cleaned["groups"], cleaned["first_school_year"])
        career_changed(period.child)
