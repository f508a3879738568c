"""The form for a question for help: its domain, who it is about, who raised it and since when."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rondom.cases.access import CaseAccess
from rondom.cases.models import Case
from rondom.core.text import PlainTextMixin
from rondom.core.vague_dates import read_vague_date
from rondom.core.versioning import VersionedForm
from rondom.timeline.card_changes import apply_date
from rondom.timeline.kinds import CHILD_DOMAINS, FAMILY_DOMAINS
from rondom.timeline.models import Card

from .models import HelpQuestion

QUESTION_FIELDS = ("domain", "child", "text", "raised_by", "date_text", "status", "card")


class CardChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        when = obj.date_text or _("no date")
        return f"{obj.get_kind_display()} · {when} · {obj.text[:50]}"


class QuestionForm(PlainTextMixin, VersionedForm):
    class Meta:
        model = HelpQuestion
        fields = QUESTION_FIELDS
        widgets = {"domain": forms.RadioSelect, "status": forms.RadioSelect}
        labels = {"child": _("About"), "card": _("Shows on the card")}
        help_texts = {
            "domain": _(
                "Parenting support and other support for parents are questions of the family; "
                "the other three are about one child."
            ),
            "text": _("In a few words, optional."),
            "date_text": _(
                "As you remember it: maart 2022, herfst 2021, 2020, groep 4 or sinds groep 5. "
                "May stay empty."
            ),
        }

    def __init__(self, *args, case: Case, access: CaseAccess, cards=None, **kwargs):
        """`cards`: the cards this person may read, to pick where the question shows."""
        super().__init__(*args, **kwargs)
        self.case = case
        self.access = access
        children = list(case.children.all())
        self.fields["domain"].choices = self.fields["domain"].choices[1:]
        self.fields["child"].queryset = case.children.all()
        self.fields["child"].empty_label = _("the whole family")
        self.fields["child"].help_text = _(
            "A question about learning, development or health is about one child."
        )
        if not self.instance.pk and len(children) == 1:
            self.initial.setdefault("child", children[0].pk)
        self.fields["raised_by"].queryset = case.participants.all()
        self.fields["raised_by"].required = True
        self.fields["raised_by"].empty_label = None
        if not self.instance.pk and access.participant is not None:
            self.initial.setdefault("raised_by", access.participant.pk)
        self.fields["status"].choices = [c for c in self.fields["status"].choices if c[0]]
        readable = cards if cards is not None else Card.objects.none()
        current = self.instance.card_id
        if current and not readable.filter(pk=current).exists():
            # Linked to a card this person may not read: the link stays as it is, unseen.
            del self.fields["card"]
        else:
            self.fields["card"] = CardChoice(
                Card.objects.filter(pk__in=readable.values("pk")).order_by("starts_on", "pk"),
                required=False,
                label=_("Shows on the card"),
                empty_label=_("no card"),
                help_text=_("Optional: the card on the timeline where the question shows."),
            )

    def clean(self):
        cleaned = super().clean()
        domain = cleaned.get("domain")
        if domain in FAMILY_DOMAINS:
            # The parents' domains are counted per family, so such a question has no child.
            cleaned["child"] = None
        elif domain in CHILD_DOMAINS and not cleaned.get("child") and "child" not in self.errors:
            self.add_error(
                "child",
                forms.ValidationError(
                    _("A question in this domain is about one child. Choose the child."),
                    code="required",
                ),
            )
        if "date_text" in cleaned and not self.errors.get("date_text"):
            self.instance.date_text = cleaned["date_text"]
            apply_date(self.instance, self.case, cleaned.get("child"), self.date_value)
        return cleaned

    def clean_date_text(self) -> str:
        self.date_value = read_vague_date(self.cleaned_data.get("date_text", ""))
        return self.date_value.text
