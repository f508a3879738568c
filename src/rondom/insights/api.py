"""The insight report through the API: the same figures and filters as the page.

A hidden count is `null` with `"suppressed": true`, and so is its percentage; `k` says
below which number counts are hidden.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from rondom.audit.models import AuditEvent

from .periods import AGE_GROUPS
from .report import Report, Shown
from .services import Subject, network_subject, own_subject


class FigureSerializer(serializers.Serializer):
    count = serializers.IntegerField(allow_null=True, help_text="null when suppressed")
    percent = serializers.FloatField(allow_null=True, required=False)
    suppressed = serializers.BooleanField()


class DomainRowSerializer(serializers.Serializer):
    domain = serializers.CharField()
    cells = serializers.DictField(
        child=FigureSerializer(), help_text="both, question_only, help_only, neither"
    )
    total = FigureSerializer()


class PartyRowSerializer(serializers.Serializer):
    party = serializers.CharField()
    cells = serializers.DictField(
        child=FigureSerializer(), help_text="satisfied, partly, not_satisfied"
    )
    total = FigureSerializer()


class ReasonRowSerializer(serializers.Serializer):
    reason = serializers.CharField()
    parties = serializers.DictField(child=FigureSerializer())


class WaitRowSerializer(serializers.Serializer):
    domain = serializers.CharField()
    questions_with_help = FigureSerializer()
    median_weeks = serializers.FloatField(allow_null=True)
    p75_weeks = serializers.FloatField(allow_null=True)
    open_longer_than_12_weeks = FigureSerializer()


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()


class InsightSerializer(serializers.Serializer):
    k = serializers.IntegerField(help_text="Counts below k are suppressed.")
    scope = serializers.CharField()
    period = PeriodSerializer()
    filters = serializers.DictField(child=serializers.CharField())
    counts = serializers.DictField(child=FigureSerializer())
    children = DomainRowSerializer(many=True)
    families = DomainRowSerializer(many=True)
    satisfaction = PartyRowSerializer(many=True)
    reasons = ReasonRowSerializer(many=True)
    time_to_help = WaitRowSerializer(many=True)
    open_longer_than_12_weeks = FigureSerializer()


FILTERS = [
    OpenApiParameter("period", str, description="A half-year such as 2026-1, or 'custom'."),
    OpenApiParameter("start", str, description="First day (YYYY-MM-DD), with period=custom."),
    OpenApiParameter("end", str, description="Last day (YYYY-MM-DD), with period=custom."),
    OpenApiParameter("age", str, enum=[group.key for group in AGE_GROUPS]),
]
ORGANISATION = OpenApiParameter("organisation", int, description="A member organisation's id.")


def figure(shown: Shown) -> dict:
    return {"count": shown.value, "percent": shown.percent, "suppressed": shown.hidden}


def as_json(report: Report, form) -> dict:
    data = form.cleaned_data
    return {
        "k": report.k,
        "scope": report.scope,
        "period": {"start": report.start, "end": report.end},
        "filters": {
            key: str(getattr(data[key], "pk", data[key]))
            for key in ("organisation", "age")
            if data.get(key)
        },
        "counts": {shown.key[0]: figure(shown) for _label, shown in report.counts},
        "children": [_domain_row(row) for row in report.child_rows],
        "families": [_domain_row(row) for row in report.family_rows],
        "satisfaction": [
            {
                "party": row.key,
                "cells": {c.key[-1]: figure(c) for c in row.cells},
                "total": figure(row.total),
            }
            for row in report.satisfaction_rows
        ],  # fmt: skip
        "reasons": [
            {"reason": row.key, "parties": {c.key[1]: figure(c) for c in row.cells}}
            for row in report.reason_rows
        ],
        "time_to_help": [
            {
                "domain": row.key,
                "questions_with_help": figure(row.answered),
                "median_weeks": row.median,
                "p75_weeks": row.p75,
                "open_longer_than_12_weeks": figure(row.open_long),
            }
            for row in report.wait_rows
        ],
        "open_longer_than_12_weeks": figure(report.open_long_total),
    }


def _domain_row(row) -> dict:
    cells = {cell.key[-1]: figure(cell) for cell in row.cells}
    return {"domain": row.key, "cells": cells, "total": figure(row.total)}


class InsightView(APIView):
    permission_classes = [IsAuthenticated]

    def subject(self, request, **kwargs) -> Subject:
        raise NotImplementedError

    def get(self, request, **kwargs):
        subject = self.subject(request, **kwargs)
        form = subject.filter_form(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors.get_json_data())
        report = subject.report(form)
        subject.log(request.user, "api", AuditEvent.Channel.API)
        return Response(InsightSerializer(as_json(report, form)).data)


class NetworkInsightView(InsightView):
    @extend_schema(
        operation_id="network_insight",
        summary="Figures across the cases of a network",
        parameters=[*FILTERS, ORGANISATION],
        responses=InsightSerializer,
    )
    def get(self, request, network_id: int):
        return super().get(request, network_id=network_id)

    def subject(self, request, network_id: int) -> Subject:
        return network_subject(request.user, network_id)


class OwnInsightView(InsightView):
    @extend_schema(
        operation_id="own_insight",
        summary="Figures across the cases one manages",
        parameters=FILTERS,
        responses=InsightSerializer,
    )
    def get(self, request):
        return super().get(request)

    def subject(self, request) -> Subject:
        return own_subject(request.user)
