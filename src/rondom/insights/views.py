"""The insight report: the page, its CSV and its PDF, for a network or for one's own cases.

Every one of them that shows figures writes a line to the access log, without a case.
"""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rondom.audit.models import AuditEvent
from rondom.documents.pdf import pdf_response, render_pdf

from .charts import legend_items, stacked_bars
from .figures import CELLS
from .report import CELL_LABELS, SATISFACTIONS, Report
from .services import Subject, network_subject, own_subject


def chart_context(report: Report) -> dict:
    satisfaction_labels = {s.value: s.label for s in SATISFACTIONS}
    return {
        "parts": [
            (
                "children",
                _("Children: question and help per domain"),
                stacked_bars(report.child_rows, "ins-children"),
                report.child_rows,
            ),
            (
                "families",
                _("Families: question and help per domain"),
                stacked_bars(report.family_rows, "ins-families"),
                report.family_rows,
            ),
        ],  # fmt: skip
        "satisfaction_chart": stacked_bars(report.satisfaction_rows, "ins-satisfaction"),
        "cell_legend": legend_items(CELLS, CELL_LABELS),
        "satisfaction_legend": legend_items([s.value for s in SATISFACTIONS], satisfaction_labels),
    }


def _read(request, subject: Subject) -> tuple:
    """The filter form from the query string, and the report when the filters are valid."""
    form = subject.filter_form(request.GET)
    return form, subject.report(form) if form.is_valid() else None


def _page(request, subject: Subject, urls: dict):
    form, report = _read(request, subject)
    query = request.GET.urlencode()
    links = {kind: reverse(name, args=args) + (f"?{query}" if query else "")
             for kind, (name, args) in urls.items()}  # fmt: skip
    context = {"form": form, "subject": subject, "links": links}
    if report is None:
        return render(request, "insights/report.html", context, status=400)
    subject.log(request.user, "view", AuditEvent.Channel.PAGE)
    context.update(report=report, **chart_context(report))
    return render(request, "insights/report.html", context)


def _csv(request, subject: Subject):
    _form, report = _read(request, subject)
    if report is None:
        return HttpResponse(_("These filters are not valid."), status=400)
    subject.log(request.user, "csv", AuditEvent.Channel.EXPORT)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("part"), _("row"), _("column"), _("figure")])
    writer.writerow([_("smallest number shown"), "", "", str(report.k)])
    writer.writerow([_("period"), "", _("from"), report.start.isoformat()])
    writer.writerow([_("period"), "", _("until"), report.end.isoformat()])
    for name, value in report.filters:
        writer.writerow([_("filter"), str(name), "", value])
    for row in report.flat():
        writer.writerow(row)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report)}.csv"'
    return response


def _pdf(request, subject: Subject):
    _form, report = _read(request, subject)
    if report is None:
        return HttpResponse(_("These filters are not valid."), status=400)
    subject.log(request.user, "pdf", AuditEvent.Channel.PRINT)
    context = {"report": report, "printed_on": timezone.localdate(), **chart_context(report)}
    return pdf_response(render_pdf("insights/report_pdf.html", context), f"{_filename(report)}.pdf")


def _filename(report: Report) -> str:
    return f"inzicht-{report.start.isoformat()}-{report.end.isoformat()}"


def _network_urls(network_id: int) -> dict:
    return {
        "page": ("insights:network", [network_id]),
        "csv": ("insights:network_csv", [network_id]),
        "pdf": ("insights:network_pdf", [network_id]),
    }


@login_required
def network_report(request, network_id: int):
    return _page(request, network_subject(request.user, network_id), _network_urls(network_id))


@login_required
def network_csv(request, network_id: int):
    return _csv(request, network_subject(request.user, network_id))


@login_required
def network_pdf(request, network_id: int):
    return _pdf(request, network_subject(request.user, network_id))


OWN_URLS = {
    "page": ("insights:own", []),
    "csv": ("insights:own_csv", []),
    "pdf": ("insights:own_pdf", []),
}


@login_required
def own_report(request):
    return _page(request, own_subject(request.user), OWN_URLS)


@login_required
def own_csv(request):
    return _csv(request, own_subject(request.user))


@login_required
def own_pdf(request):
    return _pdf(request, own_subject(request.user))
