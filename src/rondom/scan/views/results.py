"""A round's results for its coordinators: the page, its CSV and PDF, and the remarks.

Everyone else gets a 404 (`get_round_for`). Every view that shows figures or remarks writes a
line to the access log, with the network as its grounds and nothing of what was shown.
"""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from rondom.audit.log import record
from rondom.audit.models import AuditEvent
from rondom.documents.pdf import pdf_response, render_pdf

from ..access import get_round_for
from ..charts import (
    heat_map,
    importance_against_now,
    level_radar,
    statement_radar,
    step_legend,
)
from ..figures import decimal, percent
from ..followup import earlier_agreements
from ..models import Answer, Round
from ..priorities import EXPLAINED
from ..remarks import remarks_by_statement, visible_remarks
from ..results import ALL, Results, build


def log(user, round: Round, action: str, channel: str = AuditEvent.Channel.PAGE) -> None:
    record(user, f"scan:{action}", channel=channel, reason=f"network {round.network_id}")


def chart_context(results: Results) -> dict:
    """The charts of shown results, and the sections per level with their radars."""
    if not results.shown:
        return {}
    compared = results.compared_part
    return {
        "grid_chart": importance_against_now(results.statements),
        "part_radars": [
            (part, level_radar(part.levels, f"sr-levels-{part.audience}"))
            for part in results.shown_parts
        ],
        # Per level its radar, and (on the page only) its remarks.
        "level_sections": [
            (level, statement_radar(level, f"sr-radar-{level.level}"), [])
            for level in results.levels
        ],
        **_heat_map(compared),
        "disagreement_rows": [(row, _sector_means(row, compared)) for row in results.disagreements],
        "steps": step_legend(),
    }


def _sector_means(row, part) -> list[tuple[str, str]]:
    shown = [(group.label, row.by_group.get(group.key)) for group in part.groups]
    return [(label, figures.now_text) for label, figures in shown
            if figures is not None and figures.mean_now is not None]  # fmt: skip


def _heat_map(part) -> dict:
    if part is None:
        return {}
    columns = part.columns
    return {
        "heat_chart": heat_map(part.statements, columns),
        "columns": columns,
        "heat_rows": [
            (
                row,
                [row.all if group.key == ALL else row.by_group.get(group.key) for group in columns],
            )
            for row in part.statements
        ],  # fmt: skip
    }


def _context(results: Results) -> dict:
    return {
        "results": results,
        "round": results.round,
        "network": results.round.network,
        "explained": EXPLAINED,
        **chart_context(results),
    }


@login_required
def results(request: HttpRequest, network_id: int, round_id: int) -> HttpResponse:
    round = get_round_for(request.user, network_id, round_id)
    found = build(round)
    log(request.user, round, "results")
    context = _context(found)
    context["followups"] = earlier_agreements(round)
    if found.shown:
        # On the page, each level's remarks follow its statements.
        grouped = remarks_by_statement(visible_remarks(found))
        context["level_sections"] = [
            (level, chart, [remark for row in level.statements
                            for remark in grouped.get(row.statement.pk, [])])
            for level, chart, _none in context["level_sections"]
        ]  # fmt: skip
    return render(request, "scan/results.html", context)


def _filename(round: Round, extension: str) -> str:
    return f"samenwerkingsscan-{round.pk}-{round.opens_on.isoformat()}.{extension}"


def csv_rows(found: Results) -> list[list[str]]:
    """The aggregates, one row per statement (or level) and group; nothing when not shown."""
    rows = [[
        _("statement"), _("level"), _("text"), _("group"), _("number answered"),
        _("average now"), _("don't know"), _("average importance"), _("wants to work on it"),
        _("change in now"), _("change in importance"),
    ]]  # fmt: skip
    for part in found.shown_parts:
        groups = [*part.groups, part.all_group]
        for level in part.levels:
            change = level.change
            rows.append([
                "", level.label, level.label, str(part.all_group.label), str(level.all.n),
                decimal(level.all.mean_now), str(level.all.dont_know),
                decimal(level.all.mean_importance), percent(level.all.act_share),
                change.now_text if change else "", change.importance_text if change else "",
            ])  # fmt: skip
            for row in level.statements:
                for group in groups:
                    figures = row.all if group.key == "all" else row.by_group[group.key]
                    change = row.change if group.key == "all" else None
                    rows.append([
                        row.code, level.label, row.text, str(group.label), str(figures.n),
                        decimal(figures.mean_now), str(figures.dont_know),
                        decimal(figures.mean_importance), percent(figures.act_share),
                        change.now_text if change else "",
                        change.importance_text if change else "",
                    ])  # fmt: skip
    return rows


@login_required
def results_csv(request: HttpRequest, network_id: int, round_id: int) -> HttpResponse:
    round = get_round_for(request.user, network_id, round_id)
    found = build(round)
    log(request.user, round, "csv", AuditEvent.Channel.EXPORT)
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(csv_rows(found))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(round, "csv")}"'
    return response


@login_required
def results_pdf(request: HttpRequest, network_id: int, round_id: int) -> HttpResponse:
    round = get_round_for(request.user, network_id, round_id)
    found = build(round)
    log(request.user, round, "pdf", AuditEvent.Channel.PRINT)
    context = {**_context(found), "printed_on": timezone.localdate(), "pdf": True}
    return pdf_response(render_pdf("scan/results_pdf.html", context), _filename(round, "pdf"))


@login_required
def remarks(request: HttpRequest, network_id: int, round_id: int) -> HttpResponse:
    round = get_round_for(request.user, network_id, round_id)
    found = build(round)
    log(request.user, round, "remarks")
    shown = visible_remarks(found)
    grouped = remarks_by_statement(shown)
    statements = [row for row in found.statements if row.statement.pk in grouped]
    context = {
        "results": found,
        "round": round,
        "network": round.network,
        "count": len(shown),
        "sections": [(row, grouped[row.statement.pk]) for row in statements],
    }
    return render(request, "scan/remarks.html", context)


@login_required
def remark_hide(request: HttpRequest, network_id: int, round_id: int, answer_id) -> HttpResponse:
    """Asks first; on POST hides the remark for good, wherever it would show."""
    round = get_round_for(request.user, network_id, round_id)
    remark = next((r for r in visible_remarks(build(round)) if r.id == answer_id), None)
    if remark is None:
        raise Http404
    if request.method == "POST":
        Answer.objects.filter(pk=remark.id).update(remark_hidden=True)
        log(request.user, round, "remark_hide")
        messages.success(request, _("The remark is hidden. Nobody will see it again."))
        return redirect("scan:remarks", network_id=round.network_id, round_id=round.pk)
    context = {"round": round, "network": round.network, "remark": remark}
    return render(request, "scan/remarks_hide.html", context)
