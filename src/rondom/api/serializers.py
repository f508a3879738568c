"""API representations; writes are validated by the same forms as the pages."""

from django import forms as django_forms
from rest_framework import serializers
from rest_framework.exceptions import NotFound

from rondom.career.forms import SchoolPeriodForm
from rondom.career.models import SchoolPeriod
from rondom.cases.access import access_for, cases_in_figures, shows_date_of_birth
from rondom.cases.forms import CaseForm, ChildForm, ParticipantForm
from rondom.cases.models import Case, Child, Participant
from rondom.help.forms import QUESTION_FIELDS, QuestionForm
from rondom.help.models import HelpQuestion, HelpSatisfaction, SatisfactionReason
from rondom.help.satisfaction import SatisfactionForm, open_meetings
from rondom.timeline.access import visible_cards
from rondom.timeline.card_fields import DATE_FIELDS, WRITTEN_FIELDS, snapshot
from rondom.timeline.forms import CardForm
from rondom.timeline.kinds import CardKind
from rondom.timeline.models import Card


def validate_with_form(form: django_forms.BaseForm) -> dict:
    if not form.is_valid():
        raise serializers.ValidationError(
            {
                ("non_field_errors" if field == "__all__" else field): [str(e) for e in errors]
                for field, errors in form.errors.items()
            }
        )
    return form.cleaned_data


class CaseSerializer(serializers.ModelSerializer):
    counts_in_figures = serializers.SerializerMethodField(
        help_text=(
            "Whether the case may be counted, without names, in figures across cases: an "
            "anonymous case always, a named one while a parent's consent for figures runs."
        )
    )

    class Meta:
        model = Case
        fields = ["id", "title", "counts_in_figures", "version", "created_at", "updated_at"]
        read_only_fields = ["version", "created_at", "updated_at"]

    def get_counts_in_figures(self, case) -> bool:
        counted = getattr(case, "in_figures", None)
        if counted is None:
            counted = cases_in_figures().filter(pk=case.pk).exists()
        return counted

    def validate(self, attrs):
        data = {**CaseSerializer(self.instance).data, **attrs} if self.instance else attrs
        validate_with_form(CaseForm(data))
        return attrs


class ChildSerializer(serializers.ModelSerializer):
    date_of_birth = serializers.DateField(
        allow_null=True,
        help_text="Empty in an anonymous case, except for its case manager: use the age.",
    )
    age = serializers.IntegerField(read_only=True, help_text="Whole years today.")

    class Meta:
        model = Child
        fields = ["id", "case", "name", "date_of_birth", "age", "version"]
        read_only_fields = ["version"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        view = self.context.get("view")
        if view is not None:
            access = view.access_of(instance.case_id)
            if access is None or not shows_date_of_birth(access, instance):
                data["date_of_birth"] = None
        return data

    def validate(self, attrs):
        data = {**ChildSerializer(self.instance).data, **attrs} if self.instance else attrs
        validate_with_form(ChildForm(data))
        return attrs


class ParticipantSerializer(serializers.ModelSerializer):
    letter = serializers.CharField(max_length=2, required=False, allow_blank=True)
    colour = serializers.CharField(max_length=7, required=False, allow_blank=True)

    class Meta:
        model = Participant
        fields = [
            "id",
            "case",
            "name",
            "role",
            "letter",
            "colour",
            "organisation",
            "function",
            "is_case_manager",
            "version",
        ]
        read_only_fields = ["is_case_manager", "version"]

    def validate(self, attrs):
        base = ParticipantSerializer(self.instance).data if self.instance else {}
        case = self.instance.case if self.instance else attrs.get("case")
        form = ParticipantForm({**base, **attrs}, case=case)
        form.instance.user = self.instance.user if self.instance else None
        cleaned = validate_with_form(form)
        attrs["letter"], attrs["colour"] = cleaned["letter"], cleaned["colour"]
        return attrs


class SchoolPeriodSerializer(serializers.ModelSerializer):
    groups = serializers.ListField(child=serializers.CharField(max_length=12), required=False)
    first_school_year = serializers.IntegerField(required=False, write_only=True)

    class Meta:
        model = SchoolPeriod
        fields = [
            "id",
            "child",
            "kind",
            "name",
            "start_text",
            "end_text",
            "starts_on",
            "ends_on",
            "note",
            "groups",
            "first_school_year",
            "version",
        ]
        read_only_fields = ["starts_on", "ends_on", "version"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["groups"] = [gy.group for gy in instance.group_years.all()]
        return data

    def validate(self, attrs):
        base = {}
        if self.instance:
            base = {
                f: getattr(self.instance, f)
                for f in ("kind", "name", "start_text", "end_text", "note")
            }
        data = {**base, **attrs, "groups": " ".join(attrs.get("groups", []))}
        form = SchoolPeriodForm(data, instance=None)
        cleaned = validate_with_form(form)
        attrs["starts_on"], attrs["ends_on"] = form.instance.starts_on, form.instance.ends_on
        attrs["groups"] = cleaned["groups"]
        attrs["first_school_year"] = cleaned["first_school_year"]
        return attrs


class ParticipantIds(serializers.ListField):
    """Participants by id. Which ids fit is for the card form to say, with one message for
    every id that is not a participant of the card's own case."""

    child = serializers.IntegerField(min_value=1, max_value=2**63 - 1)

    def to_representation(self, data):
        return [participant.pk for participant in data.all()]


class CardSerializer(serializers.ModelSerializer):
    restricted_to = ParticipantIds(
        required=False, help_text="Participants of this case who alone may see the card."
    )
    version = serializers.IntegerField(
        required=False,
        help_text="The version you last read; required when changing a card.",
    )
    kind = serializers.ChoiceField(choices=CardKind.choices)

    class Meta:
        model = Card
        fields = [
            "id",
            "case",
            *WRITTEN_FIELDS,
            *DATE_FIELDS,
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [*DATE_FIELDS, "created_at", "updated_at"]

    def validate(self, attrs):
        case = attrs.get("case") or self.instance.case
        kind = attrs.get("kind") or self.instance.kind
        if self.instance and ("case" in attrs and attrs["case"] != self.instance.case):
            raise serializers.ValidationError({"case": ["A card cannot move to another case."]})
        base = snapshot(self.instance) if self.instance else {}
        sent = {key: getattr(value, "pk", value) for key, value in attrs.items()}
        data = {**base, **sent, "kind": kind}
        access = access_for(self.context["request"].user, case)
        if access is None or not access.sees_content:
            raise NotFound
        form = CardForm(
            data, instance=self.instance or Card(case=case), case=case, kind=kind, access=access
        )
        validate_with_form(form)
        self.form = form
        return attrs


class ReasonList(serializers.ListField):
    child = serializers.ChoiceField(choices=SatisfactionReason.choices)

    def to_representation(self, data):
        return [row.reason for row in data.all()]


class SatisfactionSerializer(serializers.ModelSerializer):
    """One answer about the help. Answers are never changed: a new answer is a new one, and
    the latest of each participant counts."""

    reasons = ReasonList(required=False, help_text="Reasons from the short list.")
    on_behalf = serializers.SerializerMethodField(
        help_text="Filled in by the case manager for someone without an account."
    )
    at_close = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Given when the case closed; always true once the case is closed.",
    )

    class Meta:
        model = HelpSatisfaction
        fields = [
            "id",
            "case",
            "participant",
            "party",
            "satisfaction",
            "reasons",
            "remark",
            "meeting",
            "at_close",
            "on_behalf",
            "given_at",
        ]
        read_only_fields = ["party", "given_at"]

    def get_on_behalf(self, answer) -> bool:
        return answer.given_by_id is not None and answer.given_by_id != answer.participant.user_id

    def validate(self, attrs):
        case = attrs["case"]
        access = access_for(self.context["request"].user, case)
        if access is None or not access.sees_content:
            raise NotFound
        participant = attrs.get("participant")
        form = SatisfactionForm(
            {
                "participant": getattr(participant, "pk", None),
                "satisfaction": attrs.get("satisfaction"),
                "reasons": attrs.get("reasons", []),
                "remark": attrs.get("remark", ""),
            },
            access=access,
        )
        validate_with_form(form)
        meeting = attrs.get("meeting")
        if meeting is not None and not open_meetings(access).filter(pk=meeting.pk).exists():
            raise serializers.ValidationError(
                {"meeting": ["Only an open meeting of this case, if your consent covers it."]}
            )
        attrs["participant"] = form.cleaned_data["participant"]
        attrs["reasons"] = form.cleaned_data["reasons"]
        return attrs


class QuestionSerializer(serializers.ModelSerializer):
    """A question for help; written through the same form as the page."""

    card = serializers.IntegerField(
        source="card_id",
        min_value=1,
        max_value=2**63 - 1,
        allow_null=True,
        required=False,
        help_text="A card of this case where the question shows; null when there is none, or "
        "when you may not read that card.",
    )
    version = serializers.IntegerField(
        required=False,
        help_text="The version you last read; required when changing a question.",
    )

    class Meta:
        model = HelpQuestion
        fields = [
            "id",
            "case",
            *QUESTION_FIELDS,
            "starts_on",
            "ends_on",
            "precision",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["starts_on", "ends_on", "precision", "created_at", "updated_at"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        view = self.context.get("view")
        readable = view.readable_card_ids(instance.case_id) if view is not None else set()
        data["card"] = instance.card_id if instance.card_id in readable else None
        return data

    def validate(self, attrs):
        case = attrs.get("case") or self.instance.case
        if self.instance and ("case" in attrs and attrs["case"] != self.instance.case):
            raise serializers.ValidationError({"case": ["A question cannot move to another case."]})
        access = access_for(self.context["request"].user, case)
        if access is None or not access.sees_content:
            raise NotFound
        base = {}
        if self.instance:
            base = {name: getattr(self.instance, f"{name}_id", None) for name in QUESTION_FIELDS}
            base |= {
                n: getattr(self.instance, n) for n in ("domain", "text", "date_text", "status")
            }
        sent = {key: getattr(value, "pk", value) for key, value in attrs.items()}
        if "card_id" in sent:
            sent["card"] = sent.pop("card_id")
        form = QuestionForm(
            {**base, **sent},
            instance=self.instance or HelpQuestion(case=case),
            case=case,
            access=access,
            cards=visible_cards(access),
        )
        validate_with_form(form)
        self.form = form
        return attrs
