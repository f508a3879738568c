"""The forms of signals: passing a card on to the network, and the coordinators' themes,
grouping and answers."""

from uuid import UUID

from django import forms
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from rondom.core.text import PlainTextMixin
from rondom.networks.models import Network

from .models import Signal, SignalTheme
from .signals import theme_named

TEXT_LIMIT = Signal._meta.get_field("text").max_length
ANSWER_LIMIT = SignalTheme._meta.get_field("answer").max_length
NAME_LIMIT = SignalTheme._meta.get_field("name").max_length
NO_THEME = "none"


class SendSignalForm(PlainTextMixin, forms.Form):
    """What goes to the network: the text as the case manager leaves it, a theme to suggest,
    and with more than one network, which one. The month is the current one."""

    network = forms.ModelChoiceField(
        label=_("Network"), queryset=Network.objects.none(), empty_label=None
    )
    theme = forms.ChoiceField(label=_("Theme to suggest"), required=False)
    text = forms.CharField(
        label=_("Text for the network"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Write about the bottleneck, not about the family: leave out names, dates "
                    "of birth, schools and anything else that could point to this case."),
        error_messages={"required": _("Write what the network should read.")},
    )  # fmt: skip
    send_anyway = forms.BooleanField(
        label=_("I have read the text again: these words point to no one, send it as it is"),
        required=False,
    )
    # The words the page warned about, so that "send anyway" covers those words only.
    warned = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, networks: list[Network], themes: list[SignalTheme], **kwargs):
        super().__init__(*args, **kwargs)
        self.networks = networks
        field = self.fields["network"]
        field.queryset = Network.objects.filter(pk__in=[n.pk for n in networks])
        if len(networks) == 1:
            field.widget = forms.HiddenInput()
            field.initial = networks[0].pk
        no_theme = [("", _("No theme: the coordinators choose one"))]
        if len(networks) == 1:
            choices = [(str(t.pk), t.name) for t in themes]
        else:
            names = {n.pk: n.name for n in networks}
            choices = [
                (names[n.pk], [(str(t.pk), t.name) for t in themes if t.network_id == n.pk])
                for n in networks
            ]
            choices = [group for group in choices if group[1]]
        self.fields["theme"].choices = no_theme + choices
        self._themes = {str(t.pk): t for t in themes}
        if not themes:
            del self.fields["theme"]

    def clean(self):
        data = super().clean()
        network, theme = data.get("network"), self._themes.get(data.get("theme") or "")
        if network is not None and theme is not None and theme.network_id != network.pk:
            self.add_error("theme", _("This theme belongs to another network."))
        data["theme_object"] = theme
        return data

    @property
    def warned_words(self) -> list[str]:
        value = self.data.get(self.add_prefix("warned"), "") if self.is_bound else ""
        return [word for word in value.split("|") if word]


class ThemeForm(PlainTextMixin, forms.Form):
    name = forms.CharField(
        label=_("New theme"),
        max_length=NAME_LIMIT,
        help_text=_("For example: waiting lists, funding, a missing offer."),
        error_messages={"required": _("Give the theme a name.")},
    )

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if theme_named(self.network, name) is not None:
            raise forms.ValidationError(_("The network has a theme with this name already."))
        return name


class AssignForm(forms.Form):
    """Several signals at once, under one theme (or under none)."""

    theme = forms.ChoiceField(
        label=_("Put the chosen signals under"),
        error_messages={"required": _("Choose a theme."), "invalid_choice": _("Choose a theme.")},
    )

    def __init__(self, *args, network: Network, themes: list[SignalTheme], **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self._themes = {str(t.pk): t for t in themes}
        self.fields["theme"].choices = [
            ("", _("Choose a theme")),
            *[(str(t.pk), t.name) for t in themes],
            (NO_THEME, _("No theme")),
        ]

    def clean(self):
        data = super().clean()
        ids = []
        for value in self.data.getlist("signal") if hasattr(self.data, "getlist") else []:
            try:
                ids.append(UUID(value))
            except (ValueError, TypeError, AttributeError):
                raise forms.ValidationError(_("This is not a signal of this network.")) from None
        if not ids:
            raise forms.ValidationError(_("Choose one or more signals."))
        if Signal.objects.filter(network=self.network, pk__in=ids).count() != len(set(ids)):
            raise forms.ValidationError(_("This is not a signal of this network."))
        data["signal_ids"] = ids
        data["theme_object"] = self._themes.get(data.get("theme") or "")
        return data


class AnswerForm(PlainTextMixin, forms.Form):
    answer = forms.CharField(
        label=_("Answer for the cases"),
        max_length=ANSWER_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Every case that passed on a signal of this theme gets the answer as a note "
                    "on its card. The network does not learn which cases those are."),
        error_messages={"required": _("Write the answer.")},
    )  # fmt: skip
    # When the theme was answered as this page loaded it, to refuse overwriting a newer answer.
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_answer(self) -> str:
        return self.cleaned_data["answer"].strip()

    def clean(self):
        data = super().clean()
        value = data.get("loaded") or ""
        moment = None
        if value:
            try:
                moment = parse_datetime(value) if len(value) <= 40 else None
            except ValueError:
                moment = None
            if moment is None:
                # A hidden field: its trouble is the form's, so that it shows.
                self.add_error(None, _("This page was out of date. Load it again."))
        data["loaded"] = moment
        return data
