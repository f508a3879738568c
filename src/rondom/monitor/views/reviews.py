"""The review meetings of a network: planning one, its page with the agenda and the notes,
and its report as a PDF.

Only the network's coordinators (and site admins) get here; everyone else gets a 404. Each
page and each report writes a line to the access log, with the network as its grounds.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from rondom.audit.models import AuditEvent
from rondom.documents.pdf import pdf_response

from ..access import get_network_for_monitor, get_review_for
from ..models import ReviewMeeting
from ..report import render_report, report_context, report_filename
from ..review_forms import ReviewNotesForm, ReviewPlanForm
from ..reviews import agenda_for
from ..trend import period_label
from .indicators import log


@login_required
def review_list(request: HttpRequest, network_id: int) -> HttpResponse:
    network = get_network_for_monitor(request.user, network_id)
    today = timezone.localdate()
    data = request.POST if request.method == "POST" else None
    form = ReviewPlanForm(data, network=network, today=today)
    if data is not None and form.is_valid():
        review = form.save()
        log(request.user, network.pk, "review_plan")
        messages.success(request, _("The review meeting is planned."))
        return redirect("monitor:review", network_id=network.pk, review_id=review.pk)
    log(request.user, network.pk, "reviews")
    reviews = ReviewMeeting.objects.filter(network=network).select_related("period")
    context = {
        "network": network,
        "form": form,
        "reviews": [(review, period_label(review.period)) for review in reviews],
    }
    return render(request, "monitor/review_list.html", context, status=200 if data is None else 422)


def _page(request: HttpRequest, review: ReviewMeeting, form, status: int = 200) -> HttpResponse:
    context = {**report_context(agenda_for(review), pdf=False), "form": form}
    return render(request, "monitor/review_detail.html", context, status=status)


@login_required
def review(request: HttpRequest, network_id: int, review_id: int) -> HttpResponse:
    """The agenda, the figures and stories of the period, and the notes written during the
    meeting. *Make the report* saves the notes and closes the meeting; then they stay."""
    meeting = get_review_for(request.user, network_id, review_id)
    if request.method != "POST":
        log(request.user, network_id, "review")
        return _page(request, meeting, ReviewNotesForm(instance=meeting))
    if meeting.closed_at is not None:
        log(request.user, network_id, "review")
        messages.error(
            request, _("This meeting has its report already; its notes stay as they are.")
        )
        return redirect("monitor:review", network_id=network_id, review_id=meeting.pk)
    closing = "close" in request.POST
    form = ReviewNotesForm(request.POST, instance=meeting)
    valid = form.is_valid()
    if valid:
        if closing:
            form.instance.closed_at = timezone.now()
        if form.save_if_current():
            log(request.user, network_id, "review_close" if closing else "review_notes")
            if closing:
                messages.success(request, _("The report is made. You find it on this page."))
            else:
                messages.success(request, _("The notes are saved."))
            return redirect("monitor:review", network_id=network_id, review_id=meeting.pk)
    # Refused: someone else saved the notes first (the form says what), or the input is bad.
    log(request.user, network_id, "review")
    stored = get_review_for(request.user, network_id, review_id)
    form.instance = stored
    return _page(request, stored, form, status=409 if valid else 422)


@login_required
def review_report(request: HttpRequest, network_id: int, review_id: int) -> HttpResponse:
    meeting = get_review_for(request.user, network_id, review_id)
    if meeting.closed_at is None:
        raise Http404
    log(request.user, network_id, "review_pdf", AuditEvent.Channel.PRINT)
    return pdf_response(render_report(agenda_for(meeting)), report_filename(meeting))
