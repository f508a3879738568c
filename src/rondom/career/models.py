"""The school career: childcare, schools and time out of school, and the group of every year."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from rondom.cases.models import Child
from rondom.core.vague_dates import VaguelyDated
from rondom.core.versioning import Versioned


class PeriodKind(models.TextChoices):
    CHILDCARE = "childcare", _("childcare")
    PLAYGROUP = "playgroup", _("playgroup / pre-school")
    SCHOOL = "school", _("primary school")
    SPECIAL = "special", _("special education")
    SECONDARY = "secondary", _("secondary school")
    OUT_OF_SCHOOL = "out_of_school", _("out of school")
    OTHER = "other", _("other")


class SchoolPeriod(Versioned, VaguelyDated):
    """A stretch of the school career: childcare, a school, or time out of school.

    It runs from the first day `start_text` can mean to the last day `end_text` can mean.
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="school_periods")
    kind = models.CharField(_("kind"), max_length=20, choices=PeriodKind.choices)
    name = models.CharField(
        _("name"), max_length=120, blank=True, help_text=_("For example the name of the school.")
    )
    start_text = models.CharField(_("from"), max_length=60)
    end_text = models.CharField(_("until"), max_length=60, blank=True)
    starts_on = models.DateField()  # a period always has a start
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("school period")
        verbose_name_plural = _("school periods")

    def __str__(self) -> str:
        return self.name or self.get_kind_display()


class Group(models.TextChoices):
    PRESCHOOL = "peuter", _("pre-school group")
    G1 = "1", "1"
    G2 = "2", "2"
    G3 = "3", "3"
    G4 = "4", "4"
    G5 = "5", "5"
    G6 = "6", "6"
    G7 = "7", "7"
    G8 = "8", "8"


class GroupYear(models.Model):
    """One school year in one group; a repeated year is simply the same group twice."""

    period = models.ForeignKey(SchoolPeriod, on_delete=models.CASCADE, related_name="group_years")
    school_year = models.PositiveSmallIntegerField(
        _("school year"), help_text=_("The calendar year in which the school year starts.")
    )
    group = models.CharField(_("group"), max_length=6, choices=Group.choices)

    class Meta:
        ordering = ["school_year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["period", "school_year"], name="one_group_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.group} ({self.school_year}/{self.school_year + 1})"
