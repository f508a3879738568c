"""JSON API v1. Every queryset starts from the access policy, so outsiders get 404."""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from rondom.career.changes import career_changed, set_group_sequence
from rondom.career.models import SchoolPeriod
from rondom.cases.access import access_for, cases_in_figures
from rondom.cases.models import Case, Child, Participant
from rondom.cases.services import start_case, why_not_removable
from rondom.core.versioning import StaleVersion
from rondom.help.models import HelpQuestion, HelpSatisfaction
from rondom.help.satisfaction import record_answer
from rondom.timeline.access import visible_cards, visible_cards_for_user
from rondom.timeline.card_changes import create_card, delete_card, save_card_changes
from rondom.timeline.card_fields import snapshot
from rondom.timeline.models import Card

from .base import CaseDataMixin, CaseDataViewSet, log_entry
from .permissions import (
    AuthorsChangeTheirCards,
    CaseManagersChange,
    ProfessionalsStartCases,
    RaisersChangeQuestions,
    SeesCaseContent,
)
from .serializers import (
    CardSerializer,
    CaseSerializer,
    ChildSerializer,
    ParticipantSerializer,
    QuestionSerializer,
    SatisfactionSerializer,
    SchoolPeriodSerializer,
)


class CaseViewSet(CaseDataViewSet):
    serializer_class = CaseSerializer
    permission_classes = [
        IsAuthenticated, ProfessionalsStartCases, SeesCaseContent, CaseManagersChange,
    ]  # fmt: skip
    parent_field = None
    # Closing and removing a case is a separate, deliberate procedure, not an API call.
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        in_figures = Exists(cases_in_figures().filter(pk=OuterRef("pk")))
        return self.visible_cases().annotate(in_figures=in_figures).order_by("pk")

    def perform_create(self, serializer):
        # Whoever starts a case manages it (ProfessionalsStartCases decides who may).
        case = start_case(serializer.validated_data["title"], self.request.user)
        serializer.instance = case
        self._accesses[case.pk] = access_for(self.request.user, case)
        self.logged = [log_entry(case)]


class ChildViewSet(CaseDataViewSet):
    serializer_class = ChildSerializer
    scoped_fields = {"case": (Case, "pk")}

    def get_queryset(self):
        return (
            Child.objects.filter(case__in=self.visible_cases())
            .select_related("case")
            .order_by("pk")
        )

    @transaction.atomic
    def perform_destroy(self, instance):
        # A child's cards would go with it, other people's drafts included, with no undo.
        if Card.objects.filter(child=instance).exists():
            raise ValidationError(
                {"detail": _("This child still has cards, deleted ones included. Move them first.")}
            )
        instance.delete()


class ParticipantViewSet(CaseDataViewSet):
    serializer_class = ParticipantSerializer
    scoped_fields = {"case": (Case, "pk")}

    def get_queryset(self):
        return Participant.objects.filter(case__in=self.visible_cases()).order_by("pk")

    def perform_destroy(self, instance):
        if refusal := why_not_removable(instance):
            raise ValidationError({"detail": refusal % {"name": instance.name}})
        instance.delete()


class SchoolPeriodViewSet(CaseDataViewSet):
    serializer_class = SchoolPeriodSerializer
    # Everyone who sees the content keeps the school career up to date.
    permission_classes = [IsAuthenticated, SeesCaseContent]
    scoped_fields = {"child": (Child, "case")}
    parent_field = "child"

    def get_queryset(self):
        return (
            SchoolPeriod.objects.filter(child__case__in=self.visible_cases())
            .select_related("child")
            .prefetch_related("group_years")
            .order_by("pk")
        )

    def case_of_new(self, data) -> Case:
        return data["child"].case

    @transaction.atomic
    def perform_create(self, serializer):
        super().perform_create(serializer)

    @transaction.atomic
    def save(self, serializer):
        groups = serializer.validated_data.pop("groups")
        first_year = serializer.validated_data.pop("first_school_year")
        period = serializer.save()
        set_group_sequence(period, groups, first_year)
        career_changed(period.child)

    @transaction.atomic
    def perform_destroy(self, instance):
        child = instance.child
        instance.delete()
        career_changed(child)


class CardViewSet(CaseDataViewSet):
    serializer_class = CardSerializer
    permission_classes = [IsAuthenticated, SeesCaseContent, AuthorsChangeTheirCards]
    scoped_fields = {
        "case": (Case, "pk"),
        "child": (Child, "case"),
        "author": (Participant, "case"),
        "question": (HelpQuestion, "case"),
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Card.objects.none()
        return (
            visible_cards_for_user(self.request.user)
            .select_related("author", "child")
            .prefetch_related("restricted_to")
            .order_by("pk")
        )

    def save(self, serializer):
        card = serializer.form.save(commit=False)
        card.case = serializer.validated_data["case"]
        restricted_to = serializer.form.cleaned_data.get("restricted_to")
        serializer.instance = create_card(card, self.request.user, restricted_to)

    def update(self, request, *args, **kwargs):
        card = self.get_object()
        before = snapshot(card)
        serializer = self.get_serializer(card, data=request.data, partial=kwargs.get("partial"))
        serializer.is_valid(raise_exception=True)
        expected = serializer.validated_data.get("version")
        if expected is None:
            raise ValidationError({"version": ["Send the version you last read."]})
        form = serializer.form
        try:
            card = save_card_changes(
                form.save(commit=False),
                before,
                expected,
                request.user,
                form.cleaned_data.get("restricted_to"),
            )
        except StaleVersion as conflict:
            answer = {"detail": _("This card was changed by someone else.")}
            # The other version goes along only if this person may still read the card.
            if self.get_queryset().filter(pk=card.pk).exists():
                answer["current"] = CardSerializer(conflict.current).data
            return Response(answer, status=status.HTTP_409_CONFLICT)
        return Response(CardSerializer(card).data)

    def perform_destroy(self, instance):
        delete_card(instance, self.request.user)


ONE_CASE = OpenApiParameter("case", OpenApiTypes.INT, description="Only the answers of this case.")


@extend_schema_view(list=extend_schema(parameters=[ONE_CASE]))
class SatisfactionViewSet(
    CaseDataMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Satisfaction with the help: list the answers of the cases you see, or give one, for
    yourself or (the case manager) for someone without an account. No answer is changed
    afterwards, so there is no address of one answer. `?case=` lists one case."""

    serializer_class = SatisfactionSerializer
    # Everyone who sees the content answers, each for themselves (the form decides for whom).
    permission_classes = [IsAuthenticated, SeesCaseContent]
    scoped_fields = {"case": (Case, "pk")}

    def get_queryset(self):
        answers = HelpSatisfaction.objects.filter(case__in=self.visible_cases())
        case = self.request.query_params.get("case", "")
        if case.isdigit() and int(case) < 2**63:
            answers = answers.filter(case_id=int(case))
        elif case:
            answers = answers.none()  # no such case
        return answers.select_related("participant").prefetch_related("reasons").order_by("pk")

    def save(self, serializer):
        data = serializer.validated_data
        serializer.instance = record_answer(
            participant=data["participant"],
            satisfaction=data["satisfaction"],
            reasons=data["reasons"],
            remark=data.get("remark", ""),
            given_by=self.request.user,
            meeting=data.get("meeting"),
            at_close=data.get("at_close", False),
        )


class QuestionViewSet(CaseDataViewSet):
    """Questions for help. Changing one needs the version last read, as a card does."""

    serializer_class = QuestionSerializer
    permission_classes = [IsAuthenticated, SeesCaseContent, RaisersChangeQuestions]
    scoped_fields = {
        "case": (Case, "pk"),
        "child": (Child, "case"),
        "raised_by": (Participant, "case"),
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return HelpQuestion.objects.none()
        return HelpQuestion.objects.filter(case__in=self.visible_cases()).order_by("pk")

    def readable_card_ids(self, case_id: int) -> set[int]:
        """The cards of a case this person may read, once per case and request."""
        cache = self.__dict__.setdefault("_readable_cards", {})
        if case_id not in cache:
            access = self.access_of(case_id)
            cards = visible_cards(access) if access is not None else Card.objects.none()
            cache[case_id] = set(cards.values_list("pk", flat=True))
        return cache[case_id]

    def save(self, serializer):
        question = serializer.form.save(commit=False)
        if question.pk is None:
            question.case = serializer.validated_data["case"]
            question.created_by = self.request.user
        question.save()
        serializer.instance = question

    def update(self, request, *args, **kwargs):
        if not isinstance(request.data, dict) or request.data.get("version") is None:
            self.get_object()  # the policy first: a 404 says nothing about versions
            raise ValidationError({"version": ["Send the version you last read."]})
        return super().update(request, *args, **kwargs)
