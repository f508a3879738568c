"""The form for a figure entered by hand."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rondom.core.text import PlainTextMixin
from rondom.core.versioning import VersionedForm

from .forms import number_field
from .models import PeriodValue
from .values import shown

NOTHING_STORED = 0


class ManualValueForm(PlainTextMixin, VersionedForm):
    """A figure entered by hand for one half-year, and where it comes from."""

    class Meta:
        model = PeriodValue
        fields = ["value", "source_note"]
        labels = {"value": _("Figure")}
        error_messages = {
            "source_note": {
                "required": _("Say where the figure comes from, for example: CBS Statline, "
                              "youth care 2026."),
                "max_length": _("Keep where it comes from to at most 300 characters."),
            },
        }  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        value = self.fields["value"]
        number_field(value)
        value.required = True
        value.error_messages["required"] = _("Give the figure.")
        value.max_digits, value.decimal_places = 12, 2
        self.fields["source_note"].required = True
        self.fields["source_note"].help_text = _(
            "The source and its date or edition, for example: CBS Statline, youth care 2026."
        )
        if self.instance.pk is None:
            self.fields["version"].initial = NOTHING_STORED

    def clean_version(self) -> int:
        """A form opened when nothing was stored, or sent without its version, expects
        nothing stored: whatever someone else saved meanwhile is never saved over."""
        return self.cleaned_data.get("version") or NOTHING_STORED

    def refuse(self, current: PeriodValue) -> None:
        """Someone else saved a figure first: say what it is now, and keep this one."""
        self._explain_conflict(current)

    def _explain_conflict(self, current: PeriodValue) -> None:
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = current.version
        figure = shown(current, k=1).text  # a figure by hand has no count: never hidden
        self.add_error(
            None,
            gettext(
                "Someone else entered a figure for this half-year while you were editing. "
                "Yours was not saved. Saved now: %(figure)s, from “%(note)s”. Check the form "
                "and save again to replace it."
            )
            % {"figure": figure, "note": current.source_note},
        )
