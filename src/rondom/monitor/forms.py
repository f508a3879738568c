"""The monitor's forms: a joint agreement with its signatures, an indicator with its source,
agreeing to an indicator, and a figure entered by hand."""

from datetime import date
from decimal import Decimal

from django import forms
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rondom.accounts.models import Organisation
from rondom.core.limits import check_work_date
from rondom.core.text import PlainTextMixin
from rondom.core.versioning import VersionedForm
from rondom.networks.models import Network

from .catalogue import (
    DOMAIN,
    LEVEL,
    OPTION_LABELS,
    PARTY,
    SOURCES,
    SOURCES_BY_KEY,
    THEME,
    option_choices,
)
from .models import (
    Better,
    Indicator,
    IndicatorKind,
    JointAgreement,
    PeriodValue,
    Perspective,
    Signature,
)
from .values import shown

# A joint agreement starts at most this many years back: its half-years are worked out when
# it is saved, and older figures say little about what the partners agree now.
YEARS_BACK = 5

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Give a date, for example 31-12-2026.")}
NUMBER_ERRORS = {
    "invalid": _("Give a number, for example 8 or 8,5."),
    "max_digits": _("Give a number of at most 8 digits before the comma."),
    "max_whole_digits": _("Give a number of at most 8 digits before the comma."),
    "max_decimal_places": _("Give a number with at most 2 digits after the comma."),
}


def _number_field(field: forms.DecimalField) -> forms.DecimalField:
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


# --- indicators ------------------------------------------------------------------------------

MANUAL = "manual"


def _source_choices() -> list[tuple[str, str]]:
    return [
        ("", gettext("Choose a source")),
        (MANUAL, gettext("entered by hand, per half-year")),
        (
            gettext("Computed from Rondom"),
            [(source.key, str(source.label).capitalize()) for source in SOURCES],
        ),
    ]


def _sources_with(option: str) -> str:
    return ", ".join(str(s.label) for s in SOURCES if s.option == option)


class IndicatorForm(PlainTextMixin, VersionedForm):
    """An indicator as a coordinator proposes it, or changes it."""

    source_choice = forms.ChoiceField(
        label=_("Source"),
        error_messages={
            "required": _("Choose where the figure comes from: computed from Rondom, or "
                          "entered by hand."),
            "invalid_choice": _("Choose a source from the list."),
        },
    )  # fmt: skip
    domain = forms.ChoiceField(label=_("Domain"), required=False)
    party = forms.ChoiceField(label=_("Party"), required=False)
    level = forms.ChoiceField(label=_("Level of the scan"), required=False)
    theme = forms.ChoiceField(label=_("Theme of the signals"), required=False)
    field_order = ["name", "definition", "perspective", "kind", "target", "better", "baseline",
                   "source_choice", "domain", "party", "level", "theme"]  # fmt: skip

    class Meta:
        model = Indicator
        fields = ["name", "definition", "perspective", "kind", "target", "better", "baseline"]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 3}),
            "perspective": forms.RadioSelect,
            "kind": forms.RadioSelect,
            "better": forms.RadioSelect,
        }
        error_messages = {
            "name": {"required": _("Give the indicator a short name.")},
            "definition": {
                "required": _("Say in plain words what the indicator counts."),
                "max_length": _("Keep the definition to at most 1,000 characters."),
            },
            "perspective": {
                "required": _("Choose whose perspective the indicator takes."),
                "invalid_choice": _("Choose one of the three perspectives."),
            },
            "kind": {
                "required": _("Choose what kind of question the indicator answers."),
                "invalid_choice": _("Choose one of the three kinds."),
            },
            "target": {"required": _("Give the target, the figure the partners aim for.")},
            "better": {
                "required": _("Say whether a higher or a lower figure is better."),
                "invalid_choice": _("Choose whether a higher or a lower figure is better."),
            },
        }

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        # A choice of radio buttons needs no empty choice of its own.
        for name, choices in (
            ("perspective", Perspective.choices),
            ("kind", IndicatorKind.choices),
            ("better", Better.choices),
        ):
            self.fields[name].choices = choices
        _number_field(self.fields["target"])
        _number_field(self.fields["baseline"])
        self.fields["baseline"].help_text = _(
            "The figure before the agreement started, if the partners know it."
        )
        self.fields["source_choice"].choices = _source_choices()
        self.fields["source_choice"].help_text = _(
            "What each source counts is explained below the form."
        )
        for name in (DOMAIN, PARTY, LEVEL, THEME):
            field = self.fields[name]
            choices = option_choices(name, network)
            empty = gettext("all parties") if name == PARTY else gettext("all themes")
            if name in (DOMAIN, LEVEL):
                empty = gettext("- Select an option -")
            field.choices = [("", empty), *choices]
            field.help_text = gettext("For: %(sources)s.") % {"sources": _sources_with(name)}
            field.error_messages["invalid_choice"] = gettext(
                "Choose a %(option)s from the list."
            ) % {"option": OPTION_LABELS[name]}
        if not self.fields[THEME].choices[1:]:
            self.fields[THEME].help_text = _(
                "The network has no themes of signals yet; without one, the indicator counts "
                "every signal."
            )
        instance = self.instance
        if instance.pk is not None:
            self.initial.setdefault("source_choice", instance.source or MANUAL)
            for name, value in instance.source_options.items():
                self.initial.setdefault(name, str(value))

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("source_choice")
        if not choice:
            return cleaned
        source = SOURCES_BY_KEY.get(choice)
        options = {}
        if source is not None and source.option:
            chosen = cleaned.get(source.option) or ""
            if source.option_required and not chosen:
                self.add_error(
                    source.option,
                    forms.ValidationError(
                        _("Choose a %(option)s: this source counts one at a time."),
                        code="required",
                        params={"option": OPTION_LABELS[source.option]},
                    ),
                )
            elif chosen:
                options[source.option] = int(chosen) if source.option == THEME else chosen
        self._check_range(source, cleaned)
        new_source = "" if choice == MANUAL else choice
        self._keep_history(new_source, options)
        self.instance.source = new_source
        self.instance.source_options = options
        return cleaned

    def _check_range(self, source, cleaned) -> None:
        for name in ("target", "baseline"):
            value = cleaned.get(name)
            if value is None or source is None:
                continue
            if source.share and not Decimal(0) <= value <= Decimal(100):
                message = _("A percentage lies between 0 and 100.")
            elif source.key == "scan_level" and not Decimal(1) <= value <= Decimal(5):
                message = _("A score of the scan lies between 1 and 5.")
            elif value < 0:
                message = _("This source counts, so its figure is 0 or more.")
            else:
                continue
            self.add_error(name, forms.ValidationError(message, code="out_of_range"))

    def _keep_history(self, new_source: str, options: dict) -> None:
        """An indicator with figures keeps its source: the earlier figures would no longer say
        the same thing as the new ones."""
        instance = self.instance
        if instance.pk is None:
            return
        if (instance.source, instance.source_options) == (new_source, options):
            return
        if instance.values.exists():
            self.add_error(
                "source_choice",
                forms.ValidationError(
                    _("This indicator has figures already, so its source stays as it is: "
                      "with another source the figures could not be compared. Propose a new "
                      "indicator instead."),
                    code="has_figures",
                ),
            )  # fmt: skip


class AgreeForm(forms.Form):
    """Agreeing to an indicator on behalf of one of one's own member organisations."""

    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        error_messages={
            "required": _("Choose the organisation you agree for."),
            "invalid_choice": _(
                "You can agree only for an organisation of your own that is a member of the "
                "network."
            ),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organisations, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
        self.fields["version"].initial = indicator.version

    def clean_version(self):
        version = self.cleaned_data.get("version")
        if version is not None and version != self.indicator.version:
            raise forms.ValidationError(
                _("The indicator changed after you opened the page. Read what it measures "
                  "now, and agree again if you still do."),
                code="stale",
            )  # fmt: skip
        return version


# --- figures entered by hand -----------------------------------------------------------------


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
        _number_field(value)
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
