from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rondom.cases.models import Case
from rondom.core.limits import MAX_CARDS_PER_CHILD
from rondom.core.text import PlainTextMixin
from rondom.core.vague_dates import read_vague_date

from .card_changes import apply_date, has_room
from .card_fields import WRITTEN_FIELDS
from .kinds import FIELD_LABELS, ROW_FOR_KIND, CardKind, Domain, RestrictionReason
from .models import Card

FULL_TIMELINE = _(
    "This timeline already holds %(limit)s cards, the most it can show. "
    "Delete a card that is no longer needed first."
)

OPTIONAL_FIELDS = ("text_less_well", "provider", "with_whom", "aspect", "rating")
# The paper card has a letter, a date, a text and a face. What is seldom needed waits behind
# "Meer" in the editor, which opens by itself when one of these holds something other than
# what it would be anyway, or an error.
MORE_FIELDS = ("child", "author", "domain", "restricted_to", "restriction_reason")
# A help card is counted per domain, against the questions for help, so it asks for both.
HELP_MAIN_FIELDS = ("domain", "question")
# Questions that are done with are offered only to the card that already answers one.
DONE_STATUSES = ("resolved", "not_pursued")


class DomainField(forms.TypedChoiceField):
    """Asked as required; the question a help card answers may give it instead, so the form's
    clean() decides whether it is missing."""

    def validate(self, value) -> None:
        if value not in self.empty_values:
            super().validate(value)


class QuestionChoice(forms.ModelChoiceField):
    """A question for help by its domain, who it is about and its first words."""

    def label_from_instance(self, obj) -> str:
        about = obj.child.name if obj.child_id else _("the whole family")
        words = f": {obj.text[:60]}" if obj.text else ""
        return f"{obj.get_domain_display()} ({about}){words}"


class RatingFaces(forms.RadioSelect):
    """The rating as the three faces of the paper card, each with its word, as large choices."""

    template_name = "timeline/widgets/rating_faces.html"
    option_template_name = "timeline/widgets/rating_face.html"


class CardForm(PlainTextMixin, forms.ModelForm):
    template_name = "timeline/_card_fields.html"
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Card
        fields = WRITTEN_FIELDS
        widgets = {
            "restricted_to": forms.CheckboxSelectMultiple,
            "kind": forms.HiddenInput,
            "text": forms.Textarea(attrs={"rows": 3}),
            "text_less_well": forms.Textarea(attrs={"rows": 3}),
            "rating": RatingFaces,
        }
        help_texts = {
            "date_text": _(
                "As you remember it: 30-3-2015, maart 2015, herfst 2022, 2018-2019, "
                "schooljaar 2019/2020 or groep 4. May stay empty."
            ),
        }

    def __init__(
        self, *args, case: Case, kind: str, access=None, timeline_child: int | None = None, **kwargs
    ):
        """`timeline_child`: the child whose timeline the editor was opened from, if any."""
        super().__init__(*args, **kwargs)
        self.case = case
        self.kind = kind
        self.access = access
        self.timeline_child = timeline_child
        self.fields["kind"].initial = kind
        self.fields["child"].queryset = case.children.all()
        self.fields["child"].empty_label = _("the whole family")
        self.fields["author"].queryset = case.participants.all()
        self.fields["author"].empty_label = None
        self.fields["rating"].choices = self.fields["rating"].choices[1:]
        self._ask_question_for_help()
        row_fields = ROW_FOR_KIND[kind].fields
        for name in OPTIONAL_FIELDS:
            if name not in row_fields:
                del self.fields[name]
        for name, label in FIELD_LABELS.get(kind, {}).items():
            self.fields[name].label = label
        if "rating" in self.fields:
            self.fields["rating"].required = False
        # A development card may hold only what goes less well; see clean().
        self.fields["text"].required = kind != CardKind.DEVELOPMENT
        self._limit_author_and_sharing()

    def _ask_question_for_help(self) -> None:
        """A help card may answer one of the case's questions for help, and offers to set an
        open one to "help under way"; other cards answer none."""
        if self.kind != CardKind.HELP:
            del self.fields["question"]
            return
        current = self.instance.question_id
        questions = (
            self.fields["question"]
            .queryset.filter(case=self.case)
            .filter(~Q(status__in=DONE_STATUSES) | Q(pk=current))
            .select_related("child")
            .order_by("domain", "child__name", "pk")
        )
        field = QuestionChoice(
            questions,
            required=False,
            label=_("Answers the question for help"),
            empty_label=_("no question (help without a question)"),
            help_text=_("The domain of the card becomes the domain of the question."),
        )
        self.fields["question"] = field
        domain = self.fields["domain"]
        if self.instance.pk is None or self.instance.domain:
            domain = DomainField(choices=domain.choices, required=True, label=domain.label)
            self.fields["domain"] = domain
        domain.help_text = _("Which domain the help is about.")
        if any(q.status == "open" for q in questions):
            offer = forms.BooleanField(
                required=False,
                label=_("Set the chosen question to “help under way” if it is still open"),
            )
            fields = list(self.fields.items())
            at = [name for name, _field in fields].index("question") + 1
            fields.insert(at, ("set_question_helped", offer))
            self.fields = dict(fields)

    def _limit_author_and_sharing(self) -> None:
        """Only a case manager writes on someone else's behalf; parents do not restrict cards."""
        access = self.access
        if access is None:
            return
        if access.participant is None or (
            self.instance.pk and self.instance.author_id != access.participant.pk
        ):
            del self.fields["is_draft"]  # only the author keeps a card private
        if not access.is_case_manager:
            del self.fields["author"]
            if not self.instance.pk:
                self.instance.author = access.participant
        if access.is_parent or self.case.is_anonymous:
            del self.fields["restricted_to"]
            del self.fields["restriction_reason"]
        else:
            self.fields["restricted_to"].queryset = self.case.participants.all()

    @property
    def kind_label(self) -> str:
        return CardKind(self.kind).label

    def clean_kind(self) -> str:
        return self.kind

    def clean_date_text(self) -> str:
        self.date_value = read_vague_date(self.cleaned_data.get("date_text", ""))
        return self.date_value.text

    def clean(self):
        cleaned = super().clean()
        self._check_restriction(cleaned)
        self._check_halves(cleaned)
        self._check_draft_is_the_authors(cleaned)
        self._check_question_and_domain(cleaned)
        child = cleaned.get("child")
        moves = self.instance.pk is None or self.instance.child_id != getattr(child, "pk", None)
        if "child" not in self.errors and moves and not has_room(self.instance, self.case, child):
            raise forms.ValidationError(
                FULL_TIMELINE, code="full", params={"limit": MAX_CARDS_PER_CHILD}
            )
        if "date_text" in cleaned and not self.errors.get("date_text"):
            self.instance.date_text = cleaned["date_text"]
            apply_date(self.instance, self.case, child, self.date_value)
        return cleaned

    def _check_question_and_domain(self, cleaned: dict) -> None:
        """A help card has a domain (one written before this was asked may stay without),
        and the domain and child of the question it answers."""
        if self.kind != CardKind.HELP or {"domain", "question", "child"} & set(self.errors):
            return
        question = cleaned.get("question")
        domain = cleaned.get("domain")
        if question is not None:
            if not domain:
                cleaned["domain"] = domain = question.domain
            if domain != question.domain:
                message = _(
                    "This question is about %(question)s, and the card about %(card)s. "
                    "Choose the same domain, or leave the domain empty."
                ) % {"question": question.get_domain_display(), "card": Domain(domain).label}
                self.add_error("question", forms.ValidationError(message, code="domain"))
            child = cleaned.get("child", self.instance.child if self.instance.pk else None)
            if question.child_id and child is not None and child.pk != question.child_id:
                message = _(
                    "This question is about %(question)s, and the card about %(card)s. "
                    "Choose the same child, or the whole family."
                ) % {"question": question.child.name, "card": child.name}
                self.add_error("question", forms.ValidationError(message, code="child"))
        # Before the save, the instance still holds what was stored.
        had_domain = self.instance.pk is None or bool(self.instance.domain)
        if not domain and had_domain and "domain" in self.fields:
            message = _("Choose the domain of the help, or the question it answers.")
            self.add_error("domain", forms.ValidationError(message, code="required"))

    def mark_question_helped(self) -> bool:
        """After a save: set the question the card answers to "help under way" if asked, and
        only while it is still open, so that no one else's change is undone."""
        question = self.cleaned_data.get("question")
        if question is None or not self.cleaned_data.get("set_question_helped"):
            return False
        return question.mark_helped()

    def _check_halves(self, cleaned: dict) -> None:
        """A development card says what goes well, what goes less well, or both."""
        if self.kind != CardKind.DEVELOPMENT or {"text", "text_less_well"} & set(self.errors):
            return
        if not cleaned.get("text") and not cleaned.get("text_less_well"):
            message = _("Write what goes well, what goes less well, or both.")
            self.add_error("text", forms.ValidationError(message, code="empty"))

    def _check_draft_is_the_authors(self, cleaned: dict) -> None:
        """A private draft is for its author alone: one written for someone else would vanish
        from the sight of whoever wrote it."""
        me = self.access.participant if self.access else None
        author = cleaned.get("author", self.instance.author if self.instance.author_id else me)
        if cleaned.get("is_draft") and "is_draft" in self.fields and author != me:
            self.add_error(
                "is_draft",
                _(
                    "Only the person who fills in a card can keep it as a private draft. "
                    "Choose yourself under “Filled in by”, or untick this box."
                ),
            )

    def _check_restriction(self, cleaned: dict) -> None:
        chosen = cleaned.get("restricted_to")
        reason = cleaned.get("restriction_reason")
        if not chosen:
            cleaned["restriction_reason"] = ""
            return
        if not reason:
            self.add_error("restriction_reason", _("Say why only these people may see the card."))
            return
        parents = [p for p in self.case.participants.all() if p.is_parent]
        if any(p not in chosen for p in parents) and reason != RestrictionReason.CHILD_SAFETY:
            self.add_error(
                "restriction_reason",
                _("A card may only be kept from the parents for the child's safety."),
            )

    @property
    def main_fields(self) -> list:
        return [
            self[name]
            for name in self.fields
            if name not in self.more_names and not self.fields[name].widget.is_hidden
        ]

    @property
    def more_names(self) -> tuple[str, ...]:
        if self.kind == CardKind.HELP:
            return tuple(name for name in MORE_FIELDS if name not in HELP_MAIN_FIELDS)
        return MORE_FIELDS

    @property
    def more_fields(self) -> list:
        return [self[name] for name in self.more_names if name in self.fields]

    @property
    def more_is_open(self) -> bool:
        """Whether "Meer" opens by itself: one of its fields holds an error, or something
        other than it would hold anyway."""
        me = self.access.participant if self.access else None
        usual = {"child": self.timeline_child, "author": getattr(me, "pk", None)}
        for field in self.more_fields:
            if field.errors:
                return True
            value = field.value()
            if field.name in usual:
                if str(value or "") != str(usual[field.name] or ""):
                    return True
            elif value not in (None, "", [], ()):
                return True
        return False

    @property
    def hidden_from_parents(self) -> bool:
        chosen = self.cleaned_data.get("restricted_to")
        return bool(chosen) and any(
            p.is_parent and p not in chosen for p in self.case.participants.all()
        )


def card_kind_or_none(value: str | None) -> str | None:
    return value if value in CardKind.values else None
