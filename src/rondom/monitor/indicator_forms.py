"""Proposing an indicator, changing it, and agreeing to it for an organisation."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rondom.accounts.models import Organisation
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
from .forms import number_field
from .models import (
    Better,
    Indicator,
    IndicatorKind,
    Perspective,
)

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
        number_field(self.fields["target"])
        number_field(self.fields["baseline"])
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


STALE = _("The indicator changed after you opened the page. Read what it measures now, and "
          "agree again if you still do.")  # fmt: skip


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
    version = forms.IntegerField(
        widget=forms.HiddenInput, error_messages={"required": STALE, "invalid": STALE}
    )

    def __init__(self, *args, organisations, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
        self.fields["version"].initial = indicator.version

    def clean_version(self):
        version = self.cleaned_data.get("version")
        if version != self.indicator.version:
            raise forms.ValidationError(STALE, code="stale")
        return version
