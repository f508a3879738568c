"""JSON API v1. Every queryset starts from the access policy, so outsiders get 404."""

from django.db import transaction
from django.db.models import F
from rest_framework import status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from rondom.audit.log import record
from rondom.audit.models import AuditEvent
from rondom.cases.access import (
    Need,
    access_to,
    cases_for,
    may_edit_card,
    visible_cards_for_user,
)
from rondom.cases.models import Case, Child, Participant, SchoolPeriod
from rondom.cases.services import start_case
from rondom.timeline.career import set_group_sequence
from rondom.timeline.editing import (
    EditConflict,
    create_card,
    delete_card,
    reresolve_group_dates,
    save_card_changes,
    snapshot,
)
from rondom.timeline.models import Card

from .serializers import (
    CardSerializer,
    CaseSerializer,
    ChildSerializer,
    ParticipantSerializer,
    SchoolPeriodSerializer,
)


class ScopedViewSet(viewsets.ModelViewSet):
    """Limits the objects a client may point at (case, child, author) to its own cases,
    and writes every successful read or change of case data to the access log."""

    scoped_fields: dict[str, tuple[type, str]] = {}
    # Whether only a case manager may create, change or delete these objects.
    managers_only = False

    def case_id_of(self, obj) -> int:
        return obj.case_id

    def case_of(self, obj) -> Case:
        return Case.objects.get(pk=self.case_id_of(obj))

    def access_for(self, case: Case):
        access = access_to(self.request.user, case)
        if access is None or not access.sees_content:
            raise NotFound
        return access

    def require_write(self, case: Case) -> None:
        access = self.access_for(case)
        if self.managers_only and not access.is_case_manager:
            raise PermissionDenied("Only a case manager may do this.")

    def perform_create(self, serializer):
        self.require_write(self.case_of_new(serializer.validated_data))
        super().perform_create(serializer)

    def case_of_new(self, data) -> Case:
        return data["case"]

    # The object an instance belongs to; it never moves to another one.
    parent_field = "case"

    def perform_update(self, serializer):
        if self.parent_field:
            current = getattr(serializer.instance, self.parent_field)
            if serializer.validated_data.get(self.parent_field, current) != current:
                raise ValidationError({self.parent_field: ["This cannot be moved elsewhere."]})
        self.require_write(self.case_of(serializer.instance))
        self.save(serializer)

    def save(self, serializer):
        serializer.save()

    def perform_destroy(self, instance):
        self.require_write(self.case_of(instance))
        super().perform_destroy(instance)

    def get_object(self):
        obj = super().get_object()
        self.audited = [obj]
        return obj

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.audited = list(page if page is not None else queryset)
        return page

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == status.HTTP_201_CREATED:
            self.audited = list(self.get_queryset().filter(pk=response.data["id"]))
        if response.status_code < 400 and getattr(self, "audited", None):
            verb = "view" if request.method in ("GET", "HEAD") else "change"
            for obj in self.audited:
                record(
                    request.user,
                    f"{verb} api:{self.basename}-{self.action}",
                    case_id=self.case_id_of(obj),
                    child_id=obj.pk if isinstance(obj, Child) else getattr(obj, "child_id", None),
                    card_id=obj.pk if isinstance(obj, Card) else None,
                    channel=AuditEvent.Channel.API,
                )
        return response

    def visible_cases(self):
        return cases_for(self.request.user, Need.CONTENT)

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if kwargs.get("many"):
            return serializer
        for name, (model, case_path) in self.scoped_fields.items():
            field = serializer.fields.get(name)
            if field is not None and not field.read_only:
                field.queryset = model.objects.filter(**{f"{case_path}__in": self.visible_cases()})
        return serializer

    def update(self, request, *args, **kwargs):
        """Refuse a change based on an older version than the one saved (409 Conflict)."""
        with transaction.atomic():
            model = self.get_object().__class__
            locked = model.objects.select_for_update().get(pk=self.kwargs["pk"])
            sent = request.data.get("version") if isinstance(request.data, dict) else None
            if sent is not None and str(sent) != str(locked.version):
                return Response(
                    {
                        "detail": "This was changed by someone else.",
                        "current": self.get_serializer(locked).data,
                    },
                    status=status.HTTP_409_CONFLICT,
                )
            response = super().update(request, *args, **kwargs)
            model.objects.filter(pk=locked.pk).update(version=F("version") + 1)
            response.data["version"] = locked.version + 1
            return response


class CaseViewSet(ScopedViewSet):
    serializer_class = CaseSerializer
    managers_only = True
    parent_field = None

    def case_id_of(self, obj) -> int:
        return obj.pk

    # Closing and removing a case is a separate, deliberate procedure, not an API call.
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return self.visible_cases().order_by("pk")

    def perform_create(self, serializer):
        # Anyone may start a case; they become its case manager.
        serializer.instance = start_case(serializer.validated_data["title"], self.request.user)


class ChildViewSet(ScopedViewSet):
    serializer_class = ChildSerializer
    managers_only = True
    scoped_fields = {"case": (Case, "pk")}

    def get_queryset(self):
        return Child.objects.filter(case__in=self.visible_cases()).order_by("pk")


class ParticipantViewSet(ScopedViewSet):
    serializer_class = ParticipantSerializer
    managers_only = True
    scoped_fields = {"case": (Case, "pk")}

    def get_queryset(self):
        return Participant.objects.filter(case__in=self.visible_cases()).order_by("pk")

    def perform_destroy(self, instance):
        if instance.cards.exists():
            raise ValidationError({"detail": "This participant has filled in cards."})
        super().perform_destroy(instance)


class SchoolPeriodViewSet(ScopedViewSet):
    serializer_class = SchoolPeriodSerializer
    scoped_fields = {"child": (Child, "case")}

    def case_id_of(self, obj) -> int:
        return obj.child.case_id

    def get_queryset(self):
        return (
            SchoolPeriod.objects.filter(child__case__in=self.visible_cases())
            .select_related("child")
            .prefetch_related("group_years")
            .order_by("pk")
        )

    parent_field = "child"

    def case_of_new(self, data) -> Case:
        return data["child"].case

    @transaction.atomic
    def perform_create(self, serializer):
        self.require_write(self.case_of_new(serializer.validated_data))
        self.save(serializer)

    @transaction.atomic
    def save(self, serializer):
        groups = serializer.validated_data.pop("groups")
        first_year = serializer.validated_data.pop("first_school_year")
        period = serializer.save()
        set_group_sequence(period, groups, first_year)
        reresolve_group_dates(period.child)

    @transaction.atomic
    def perform_destroy(self, instance):
        self.require_write(self.case_of(instance))
        child = instance.child
        instance.delete()
        reresolve_group_dates(child)


class CardViewSet(ScopedViewSet):
    serializer_class = CardSerializer
    scoped_fields = {
        "case": (Case, "pk"),
        "child": (Child, "case"),
        "author": (Participant, "case"),
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

    def require_card_edit(self, card) -> None:
        if not may_edit_card(self.access_for(card.case), card):
            raise PermissionDenied("You can only change your own cards.")

    def perform_create(self, serializer):
        card = serializer.form.save(commit=False)
        card.case = serializer.validated_data["case"]
        serializer.instance = create_card(card, self.request.user)
        serializer.form.save_m2m()

    def update(self, request, *args, **kwargs):
        card = self.get_object()
        self.require_card_edit(card)
        before = snapshot(card)
        serializer = self.get_serializer(card, data=request.data, partial=kwargs.get("partial"))
        serializer.is_valid(raise_exception=True)
        expected = serializer.validated_data.get("version")
        if expected is None:
            raise ValidationError({"version": ["Send the version you last read."]})
        try:
            card = save_card_changes(
                serializer.form.save(commit=False), before, expected, request.user
            )
            serializer.form.save_m2m()
        except EditConflict as conflict:
            current = CardSerializer(conflict.current).data
            return Response(
                {"detail": "This card was changed by someone else.", "current": current},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(CardSerializer(card).data)

    def perform_destroy(self, instance):
        self.require_card_edit(instance)
        delete_card(instance, self.request.user)
