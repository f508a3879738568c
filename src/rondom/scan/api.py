"""A network's scan rounds and their results through the API: the same figures and the same
thresholds as the results page, for the same people (the network's coordinators).

Results that may not be shown yet have `state` "open" or "too_few" and no statements. The
API gives sums and means only, never an answer or a remark.
"""

from django.db.models import Count, Q, Sum
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from rondom.audit.models import AuditEvent
from rondom.networks.access import get_network_for

from .access import get_round_for, rounds_for
from .figures import Change, Figures
from .models import Round
from .priorities import EXPLAINED
from .results import ALL, Results, build
from .views.results import log


class RoundSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    team = serializers.CharField(help_text="Empty for the whole network.")
    version = serializers.CharField(help_text="The version of the statements the round used.")
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    previous = serializers.IntegerField(allow_null=True, help_text="The round compared with.")
    closed = serializers.BooleanField()
    respondents = serializers.IntegerField(help_text="How many submitted their answers.")


class FiguresSerializer(serializers.Serializer):
    n = serializers.IntegerField(help_text="Answers on 'now', a score or 'don't know'.")
    mean_now = serializers.FloatField(allow_null=True)
    dont_know = serializers.IntegerField()
    mean_importance = serializers.FloatField(allow_null=True)
    act_share = serializers.FloatField(allow_null=True, help_text="0 to 1")


class ChangeSerializer(serializers.Serializer):
    now = serializers.FloatField(allow_null=True)
    importance = serializers.FloatField(allow_null=True)
    new = serializers.BooleanField(help_text="The previous round did not ask it.")


class GroupSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="A sector, 'pooled' for the smaller ones together.")
    label = serializers.CharField()
    sectors = serializers.ListField(child=serializers.CharField())
    respondents = serializers.IntegerField()


class AudienceSerializer(serializers.Serializer):
    audience = serializers.CharField()
    shown = serializers.BooleanField()
    respondents = serializers.IntegerField(
        allow_null=True, help_text="null when too few answered to show."
    )
    groups = GroupSerializer(many=True)


class StatementSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    code = serializers.CharField(help_text="Stable across versions of the statements.")
    audience = serializers.CharField()
    level = serializers.CharField()
    text = serializers.CharField()
    all = FiguresSerializer()
    groups = serializers.DictField(child=FiguresSerializer(), help_text="By group key.")
    change = ChangeSerializer(allow_null=True)
    spread = serializers.FloatField(allow_null=True)
    disagrees = serializers.BooleanField()
    priority = serializers.FloatField(allow_null=True)


class LevelSerializer(serializers.Serializer):
    level = serializers.CharField()
    audience = serializers.CharField()
    label = serializers.CharField()
    all = FiguresSerializer()
    change = ChangeSerializer(allow_null=True)


class ResultsSerializer(serializers.Serializer):
    round = RoundSerializer()
    min_respondents = serializers.IntegerField(help_text="Results show from this many on.")
    state = serializers.ChoiceField(["open", "too_few", "shown"])
    respondents = serializers.IntegerField()
    needed = serializers.IntegerField(help_text="How many more must answer before results show.")
    priority_formula = serializers.CharField()
    audiences = AudienceSerializer(many=True)
    levels = LevelSerializer(many=True)
    statements = StatementSerializer(many=True)
    strengths = serializers.ListField(child=serializers.CharField(), help_text="Codes.")
    weak_points = serializers.ListField(child=serializers.CharField(), help_text="Codes.")
    priorities = serializers.ListField(child=serializers.CharField(), help_text="Codes, in order.")
    disagreements = serializers.ListField(child=serializers.CharField(), help_text="Codes.")


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def figures_json(figures: Figures) -> dict:
    return {
        "n": figures.n,
        "mean_now": _number(figures.mean_now),
        "dont_know": figures.dont_know,
        "mean_importance": _number(figures.mean_importance),
        "act_share": _number(figures.act_share),
    }


def change_json(change: Change | None) -> dict | None:
    if change is None:
        return None
    return {"now": _number(change.now), "importance": _number(change.importance),
            "new": change.is_new}  # fmt: skip


def round_json(round: Round, respondents: int) -> dict:
    return {
        "id": round.pk,
        "label": round.label,
        "team": round.team,
        "version": round.instrument.version,
        "opens_on": round.opens_on,
        "closes_on": round.closes_on,
        "previous": round.previous_id,
        "closed": round.has_closed(),
        "respondents": respondents,
    }


def results_json(found: Results) -> dict:
    rows = found.statements
    return {
        "round": round_json(found.round, found.respondents),
        "min_respondents": found.k,
        "state": found.state,
        "respondents": found.respondents,
        "needed": found.needed,
        "priority_formula": str(EXPLAINED),
        "audiences": [
            {
                "audience": part.audience,
                "shown": part.shown,
                "respondents": part.respondents if part.shown else None,
                "groups": [
                    {
                        "key": g.key,
                        "label": str(g.label),
                        "sectors": list(g.sectors),
                        "respondents": g.respondents,
                    }
                    for g in part.groups
                ],  # fmt: skip
            }
            for part in found.parts
            if part.respondents
        ],
        "levels": [
            {
                "level": level.level,
                "audience": level.audience,
                "label": level.label,
                "all": figures_json(level.all),
                "change": change_json(level.change),
            }
            for level in found.levels
        ],  # fmt: skip
        "statements": [
            {
                "number": row.number,
                "code": row.code,
                "audience": row.audience,
                "level": row.level,
                "text": row.text,
                ALL: figures_json(row.all),
                "groups": {key: figures_json(f) for key, f in row.by_group.items()},
                "change": change_json(row.change),
                "spread": _number(row.spread),
                "disagrees": row.disagrees,
                "priority": _number(row.priority),
            }
            for row in rows
        ],
        "strengths": [row.code for row in found.strengths],
        "weak_points": [row.code for row in found.weak_points],
        "priorities": [row.code for row in found.priorities],
        "disagreements": [row.code for row in found.disagreements],
    }


def respondents_of(rounds: list[Round]) -> dict[int, int]:
    """Submitted responses per round, or the stored count once the answers are deleted."""
    ids = [round.pk for round in rounds]
    counted = dict(
        Round.objects.filter(pk__in=ids)
        .annotate(n=Count("responses", filter=Q(responses__submitted=True)))
        .values_list("pk", "n")
    )
    kept = dict(
        Round.objects.filter(pk__in=ids, answers_deleted_at__isnull=False)
        .annotate(n=Sum("sector_results__respondents"))
        .values_list("pk", "n")
    )
    return {pk: kept.get(pk) or counted.get(pk, 0) for pk in ids}


class RoundListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="network_scan_rounds",
        summary="The samenwerkingsscan rounds of a network",
        responses=RoundSerializer(many=True),
    )
    def get(self, request, network_id: int):
        network = get_network_for(request.user, network_id)
        rounds = list(rounds_for(request.user).filter(network=network))
        counts = respondents_of(rounds)
        data = [round_json(round, counts[round.pk]) for round in rounds]
        return Response(RoundSerializer(data, many=True).data)


class RoundResultsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="network_scan_round_results",
        summary="The results of a samenwerkingsscan round, as far as they may be shown",
        responses=ResultsSerializer,
    )
    def get(self, request, network_id: int, round_id: int):
        round = get_round_for(request.user, network_id, round_id)
        found = build(round)
        log(request.user, round, "api", AuditEvent.Channel.API)
        return Response(ResultsSerializer(results_json(found)).data)
