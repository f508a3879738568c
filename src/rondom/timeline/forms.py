from django import forms
from django.utils.translation import gettext_lazy as _

from rondom.cases.models import Case

from .editing import apply_date
from .fuzzy_dates import FuzzyDateError, parse_fuzzy_date
from .kinds import FIELD_LABELS, ROW_FOR_KIND, CardKind
from .models import Card

OPTIONAL_FIELDS = ("text_less_well", "provider", "with_whom", "aspect", "rating")


class CardForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Card
        fields = [
            "kind",
            "child",
            "author",
            "date_text",
            "text",
            "text_less_well",
            "provider",
            "with_whom",
            "aspect",
            "rating",
            "domain",
        ]
        widgets = {
            "kind": forms.HiddenInput,
            "text": forms.Textarea(attrs={"rows": 3}),
            "text_less_well": forms.Textarea(attrs={"rows": 3}),
            "rating": forms.RadioSelect,
        }
        help_texts = {
            "date_text": _(
                "As you remember it: 30-3-2015, maart 2015, herfst 2022, 2018-2019, "
                "schooljaar 2019/2020 or groep 4. May stay empty."
            ),
        }

    def __init__(self, *args, case: Case, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.kind = kind
        self.fields["kind"].initial = kind
        self.fields["child"].queryset = case.children.all()
        self.fields["child"].empty_label = _("the whole family")
        self.fields["author"].queryset = case.participants.all()
        self.fields["author"].empty_label = None
        self.fields["rating"].choices = self.fields["rating"].choices[1:]
        row_fields = ROW_FOR_KIND[kind].fields
        for name in OPTIONAL_FIELDS:
            if name not in row_fields:
                del self.fields[name]
        for name, label in FIELD_LABELS.get(kind, {}).items():
            self.fields[name].label = label
        if "rating" in self.fields:
            self.fields["rating"].required = False

    @property
    def kind_label(self) -> str:
        return CardKind(self.kind).label

    def clean_kind(self) -> str:
        return self.kind

    def clean_date_text(self) -> str:
        text = self.cleaned_data.get("date_text", "").strip()
        try:
            parse_fuzzy_date(text)
        except FuzzyDateError as error:
            raise forms.ValidationError(error.message, code=error.code) from error
        return text

    def clean(self):
        cleaned = super().clean()
        child = cleaned.get("child")
        if "date_text" in cleaned and not self.errors.get("date_text"):
            self.instance.date_text = cleaned["date_text"]
            apply_date(self.instance, child or self._only_child())
        return cleaned

    def _only_child(self):
        children = list(self.case.children.all()[:2])
        return children[0] if len(children) == 1 else None


def card_kind_or_none(value: str | None) -> str | None:
    return value if value in CardKind.values else None
