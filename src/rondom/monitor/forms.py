"""The form of a joint agreement with its signatures, and the date and number fields the
monitor's other forms share (see `indicator_forms` and `value_forms`)."""

from datetime import date

from django import forms
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rondom.accounts.models import Organisation
from rondom.core.limits import check_work_date
from rondom.core.text import PlainTextMixin
from rondom.core.versioning import VersionedForm
from rondom.networks.models import Network

from .models import (
    JointAgreement,
    Signature,
)

# A joint agreement starts at most this many years back: its half-years are worked out when
# it is saved, and older figures say little about what the partners agree now.
YEARS_BACK = 5

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Give a date, for example 31-12-2026.")}
NUMBER_ERRORS = {
    "invalid": _("Give a number, for example 8 or 8,5."),
    "max_digits": _("Give a number with fewer digits."),
    "max_whole_digits": _("Give a number with fewer digits before the comma."),
    "max_decimal_places": _("Give a number with at most 2 digits after the comma."),
}


def number_field(field: forms.DecimalField) -> forms.DecimalField:
    """Numbers as Dutch people type them, with a decimal comma."""
    field.localize = True
    field.widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    field.error_messages.update(NUMBER_ERRORS)
    return field


def _day(value: date) -> str:
    return formats.date_format(value, "j F Y")


# --- joint agreements ------------------------------------------------------------------------


class JointAgreementForm(PlainTextMixin, VersionedForm):
    """The result in one sentence, when it runs, and which member organisations signed it on
    which day: a date field per organisation, empty when it has not signed."""

    class Meta:
        model = JointAgreement
        fields = ["result", "starts_on", "ends_on"]
        widgets = {
            "result": forms.Textarea(attrs={"rows": 2}),
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
        }
        error_messages = {
            "result": {
                "required": _("Write the result the partners want, in one sentence."),
                "max_length": _("Keep the result to one sentence of at most 300 characters."),
            },
            "starts_on": {"required": _("Give the day it runs from."), **DATE_ERRORS},
            "ends_on": DATE_ERRORS,
        }

    def __init__(self, *args, network: Network, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.today = today
        self.fields["starts_on"].validators.append(check_work_date)
        self.fields["ends_on"].validators.append(check_work_date)
        self.fields["ends_on"].help_text = _("Leave empty while it runs without an end.")
        members = list(network.organisations.order_by("name"))
        signed = {}
        if self.instance.pk is not None:
            signed = {s.organisation_id: s for s in
                      self.instance.signatures.select_related("organisation")}  # fmt: skip
        # An organisation that signed and has since left keeps its signature on the form.
        former = [s.organisation for s in signed.values() if s.organisation not in members]
        self.signers = {organisation.pk: organisation for organisation in members + former}
        for organisation in members + former:
            label = organisation.name
            if organisation in former:
                label = gettext("%(name)s (no longer a member)") % {"name": organisation.name}
            field = forms.DateField(
                label=label,
                required=False,
                widget=DATE_WIDGET,
                validators=[check_work_date],
                error_messages=DATE_ERRORS,
            )
            self.fields[self.signature_field(organisation.pk)] = field
            if organisation.pk in signed:
                self.initial[self.signature_field(organisation.pk)] = signed[
                    organisation.pk
                ].signed_on

    @staticmethod
    def signature_field(organisation_id: int) -> str:
        return f"signed_{organisation_id}"

    @property
    def signature_fields(self) -> list:
        return [self[name] for name in self.fields if name.startswith("signed_")]

    @property
    def main_fields(self) -> list:
        return [self[name] for name in ("result", "starts_on", "ends_on")]

    def clean_starts_on(self) -> date:
        starts_on = self.cleaned_data["starts_on"]
        earliest = date(self.today.year - YEARS_BACK, 1, 1)
        unchanged = self.instance.pk is not None and starts_on == self.instance.starts_on
        if starts_on < earliest and not unchanged:
            raise forms.ValidationError(
                _("A joint agreement runs from %(day)s at the earliest."),
                code="too_early",
                params={"day": _day(earliest)},
            )
        return starts_on

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error(
                "ends_on",
                forms.ValidationError(
                    _("It cannot end before it starts: give a day on or after %(day)s."),
                    code="before_start",
                    params={"day": _day(starts_on)},
                ),
            )
        self._refuse_strangers()
        for organisation_id, organisation in self.signers.items():
            name = self.signature_field(organisation_id)
            signed_on = cleaned.get(name)
            if signed_on is not None and signed_on > self.today:
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("%(name)s cannot have signed on a day still to come."),
                        code="future",
                        params={"name": organisation.name},
                    ),
                )
        return cleaned

    def _refuse_strangers(self) -> None:
        """A signature sent for an organisation that is not (or no longer) a member: the form
        offered it a moment ago, or someone made the request by hand."""
        strangers = []
        for key, value in self.data.items():
            if not key.startswith("signed_") or not str(value).strip():
                continue
            number = key.removeprefix("signed_")
            if not (number.isascii() and number.isdigit() and len(number) < 12):
                strangers.append(None)
            elif int(number) not in self.signers:
                strangers.append(int(number))
        if not strangers:
            return
        known = Organisation.objects.filter(pk__in=[s for s in strangers if s is not None])
        names = ", ".join(sorted(o.name for o in known)) or gettext("an unknown organisation")
        self.add_error(
            None,
            forms.ValidationError(
                _("Only member organisations of the network sign its joint agreements; "
                  "%(names)s is not a member."),
                code="not_a_member",
                params={"names": names},
            ),
        )  # fmt: skip

    def save_signatures(self, joint: JointAgreement) -> None:
        """The signatures as the form has them: added, changed on their date, or taken off."""
        chosen = {
            organisation_id: self.cleaned_data.get(self.signature_field(organisation_id))
            for organisation_id in self.signers
        }
        joint.signatures.exclude(
            organisation_id__in=[pk for pk, day in chosen.items() if day]
        ).delete()
        existing = {s.organisation_id: s for s in joint.signatures.all()}
        for organisation_id, signed_on in chosen.items():
            if not signed_on:
                continue
            signature = existing.get(organisation_id)
            if signature is None:
                Signature.objects.create(
                    joint_agreement=joint, organisation_id=organisation_id, signed_on=signed_on
                )
            elif signature.signed_on != signed_on:
                signature.signed_on = signed_on
                signature.save(update_fields=["signed_on"])
