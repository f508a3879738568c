"""Records dated the way people remember them: the words they wrote, and the days those
words can mean, so that such records sort and take their place on a timeline."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from .fuzzy_dates import FuzzyDate, FuzzyDateError, Precision, parse_fuzzy_date

NOT_PLACED = _("Give a date, a month or a year.")


class VaguelyDated(models.Model):
    """The first and the last day of what was written; an empty end means it still goes on."""

    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True

    def store_dates(self, start: FuzzyDate, end: FuzzyDate | None) -> None:
        """From the first day `start` can mean to the last day `end` can mean."""
        self.starts_on = start.start
        self.ends_on = end.end if end is not None else None


class DatedAsWritten(VaguelyDated):
    """Dated by one text, as a card is: the words, the days they mean, how precise they are,
    and the school groups they named, so the record can move when the school career does."""

    date_text = models.CharField(_("date or period"), max_length=60, blank=True)
    precision = models.CharField(max_length=12, default=Precision.NONE)
    date_groups = models.CharField(max_length=20, blank=True)

    class Meta:
        abstract = True

    @property
    def fuzzy_date(self) -> FuzzyDate:
        groups = tuple(g for g in self.date_groups.split(",") if g)
        return FuzzyDate(
            self.date_text, self.starts_on, self.ends_on, Precision(self.precision), groups
        )

    def set_date(self, value: FuzzyDate) -> None:
        self.date_text = value.text
        self.store_dates(value, value)
        self.precision = value.precision
        self.date_groups = ",".join(value.groups)


def read_vague_date(text: str, *, placed: bool = False) -> FuzzyDate:
    """What someone typed as a date, understood; otherwise a message in their language.

    `placed`: the text must name a day, a month or a year, not only a group.
    """
    try:
        value = parse_fuzzy_date(text.strip())
    except FuzzyDateError as error:
        raise forms.ValidationError(error.message, code=error.code) from error
    if placed and value.start is None:
        raise forms.ValidationError(NOT_PLACED, code="not_placed")
    return value
