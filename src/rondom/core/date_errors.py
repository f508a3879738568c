"""Why a typed date cannot be used: a stable code for programs, a friendly message for people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import Promise

_MONTH_NAMES = (
    _("January"), _("February"), _("March"), _("April"), _("May"), _("June"),
    _("July"), _("August"), _("September"), _("October"), _("November"), _("December"),
)  # fmt: skip

_MESSAGES = {
    "invalid_day": _("%(month)s %(year)s has no day %(day)s. Please check the day and the month."),
    "invalid_month": _(
        "There is no month %(month)s. A month is a number from 1 to 12, or a name such as March."
    ),
    "unknown_group": _(
        "There is no group %(group)s. Choose group 1 to 8, a combination group such as 1/2, "
        "or pre-school group."
    ),
    "before_group_1": _(
        "Group 1 is the first group, so nothing comes before it. Write pre-school group, or a "
        "year such as 2015."
    ),
    "year_out_of_range": _(
        "We cannot use the year %(year)s. Choose a year from %(min)s to %(max)s."
    ),
    "end_before_start": _(
        "This period ends before it starts. Put the earlier date first, for example 2018 - 2019."
    ),
    "school_year_mismatch": _(
        "%(first)s/%(second)s is not a school year. A school year runs from one year into the "
        "next, for example 2019/2020."
    ),
    "missing_year": _(
        "Which year was it? Please add the year, for example March 2015 or autumn 2022."
    ),
    "unreadable": _(
        "We cannot read this date. You can write it like 30-3-2015, March 2015, summer 2020, "
        "2021, school year 2019/2020, 2018 - 2019 or group 4. If you do not know the date, "
        "leave it empty."
    ),
}


def month_name(month: int) -> Promise:
    """The lazily translated name of a month (1-12), for use in messages."""
    return _MONTH_NAMES[month - 1]


class FuzzyDateError(ValueError):
    """Text that looks like a date but cannot be used.

    `code` is stable and `params` is plain data (numbers and typed text), so both can go into an
    API response; `message` is the friendly text for people.
    """

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> Promise:
        """The message as a lazy string, translated and filled in only when it is shown."""
        # Imported here so that importing this module never touches more of Django.
        from django.utils.functional import lazy

        return lazy(self._render, str)()

    def _render(self) -> str:
        params = dict(self.params)
        if self.code == "invalid_day":
            # params stay plain data (a month number); the name is translated only when shown.
            params["month"] = month_name(self.params["month"])
        return str(_MESSAGES[self.code]) % params
