"""What every API resource of case data shares: the policy, the access log and versions."""

from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from rondom.audit.log import record, record_many
from rondom.audit.models import AuditEvent
from rondom.career.models import SchoolPeriod
from rondom.cases.access import CaseAccess, Need, accesses_for, cases_for
from rondom.cases.models import Case, Child
from rondom.core.versioning import StaleVersion, read_version
from rondom.timeline.models import Card

from .permissions import CaseManagersChange, SeesCaseContent, case_of


def sent_version(request) -> int | None:
    """The version a client says it last read, if it says one."""
    sent = request.data.get("version") if isinstance(request.data, dict) else None
    if sent is None:
        return None
    version = read_version(sent)
    if version is None:
        raise ValidationError({"version": [_("Send the version you last read, a whole number.")]})
    return version


def log_entry(obj) -> tuple[int, int | None, int | None]:
    """(case, child, card) of an object, for its line in the access log."""
    if isinstance(obj, Case):
        return obj.pk, None, None
    if isinstance(obj, Child):
        return obj.case_id, obj.pk, None
    if isinstance(obj, SchoolPeriod):
        return obj.child.case_id, obj.child_id, None
    if isinstance(obj, Card):
        return obj.case_id, obj.child_id, obj.pk
    return obj.case_id, None, None


class CaseDataMixin:
    """Limits the objects a client may point at (case, child, author) to its own cases, checks
    every object against the access policy, and writes every successful read or change to the
    access log: one line per object, or one line per case for a list."""

    permission_classes = [IsAuthenticated, SeesCaseContent, CaseManagersChange]
    scoped_fields: dict[str, tuple[type, str]] = {}
    # The object an instance belongs to; it never moves to another one.
    parent_field = "case"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.logged: list[tuple[int, int | None, int | None]] = []
        self.listed = False
        self._accesses: dict[int, CaseAccess] = {}

    def visible_cases(self):
        return cases_for(self.request.user, Need.CONTENT)

    def access_of(self, case_id: int) -> CaseAccess | None:
        """The policy's answer for a case of an object in this answer (cached per request)."""
        if case_id not in self._accesses:
            self._accesses.update(accesses_for(self.request.user, [Case.objects.get(pk=case_id)]))
        return self._accesses.get(case_id)

    def case_of_new(self, data) -> Case:
        return data["case"]

    def check_case(self, case: Case) -> None:
        """Creating inside a case: the same permissions, with the case as the object."""
        self.check_object_permissions(self.request, case)
        self._accesses[case.pk] = self.request.case_access

    def perform_create(self, serializer):
        self.check_case(self.case_of_new(serializer.validated_data))
        self.save(serializer)
        self.logged = [log_entry(serializer.instance)]

    def perform_update(self, serializer):
        if self.parent_field:
            current = getattr(serializer.instance, self.parent_field)
            if serializer.validated_data.get(self.parent_field, current) != current:
                raise ValidationError({self.parent_field: ["This cannot be moved elsewhere."]})
        self.save(serializer)

    def save(self, serializer):
        serializer.save()

    def get_object(self):
        obj = super().get_object()
        self.logged = [log_entry(obj)]
        self._accesses[case_of(obj).pk] = self.request.case_access
        return obj

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        objects = list(page if page is not None else queryset)
        self.logged = [log_entry(obj) for obj in objects]
        self.listed = True
        cases = {entry[0] for entry in self.logged} - set(self._accesses)
        self._accesses.update(accesses_for(self.request.user, Case.objects.filter(pk__in=cases)))
        return page

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code < 400 and getattr(self, "logged", None):
            self._write_log(request)
        return response

    def _write_log(self, request) -> None:
        verb = "view" if request.method in ("GET", "HEAD") else "change"
        action = f"{verb} api:{self.basename}-{self.action}"
        if self.listed:
            cases = [entry[0] for entry in self.logged]
            reasons = {pk: access.reason for pk, access in self._accesses.items() if access}
            record_many(request.user, action, cases, channel=AuditEvent.Channel.API,
                        reasons=reasons)  # fmt: skip
            return
        for case_id, child_id, card_id in self.logged:
            access = self._accesses.get(case_id)
            record(
                request.user,
                action,
                case_id=case_id,
                child_id=child_id,
                card_id=card_id,
                channel=AuditEvent.Channel.API,
                reason=access.reason if access else "",
            )

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if kwargs.get("many"):
            return serializer
        for name, (model, case_path) in self.scoped_fields.items():
            field = serializer.fields.get(name)
            if field is not None and not field.read_only:
                field.queryset = model.objects.filter(**{f"{case_path}__in": self.visible_cases()})
        return serializer


class CaseDataViewSet(CaseDataMixin, viewsets.ModelViewSet):
    """Case data that is read, added, changed and removed through the API."""

    def update(self, request, *args, **kwargs):
        """Refuse a change based on an older version than the one saved (409 Conflict)."""
        instance = self.get_object()
        serializer = self.get_serializer(
            instance, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                instance.save_if_current(
                    sent_version(request), lambda: self.perform_update(serializer)
                )
        except StaleVersion as stale:
            return Response(
                {
                    "detail": "This was changed by someone else.",
                    "current": self.get_serializer(stale.current).data,
                },
                status=status.HTTP_409_CONFLICT,
            )
        return Response(serializer.data)
