"""Downloads of print documents. Each one passes the case's access policy and is logged."""

from datetime import date

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from rondom.audit.models import AuditEvent
from rondom.cases.access import (
    Need,
    Scope,
    access_or_404,
    family_access_or_403,
    scoped_access_or_404,
)
from rondom.core.limits import check_birth_date

from .family_copy import family_copy_pdf
from .meeting_documents import agreements_card_pdf, meeting_report_pdf
from .pdf import pdf_response
from .timeline_sheets import blank_cards_pdf, blank_timeline_pdf, praatplaat_pdf

READ_METHODS = ("GET", "HEAD")


def _printing(request) -> None:
    request.audit_channel = AuditEvent.Channel.PRINT


def _get_meeting(request, case_id: int, meeting_id: int, scope: Scope):
    access = scoped_access_or_404(request, case_id, scope)
    meeting = access.case.meetings.filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    return access, meeting


@login_required
def praatplaat(request, case_id: int, child_id: int):
    access = access_or_404(request, case_id, Need.CONTENT)
    child = access.case.children.filter(pk=child_id).first()
    if child is None:
        raise Http404
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    _printing(request)
    name = f"praatplaat-{slugify(child.name) or child.pk}.pdf"
    return pdf_response(praatplaat_pdf(access.case, child, access=access), name)


@login_required
def agreements_card(request, case_id: int, meeting_id: int):
    access, meeting = _get_meeting(request, case_id, meeting_id, Scope.AGREEMENTS)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    _printing(request)
    pdf = agreements_card_pdf(access.case, meeting, access)
    return pdf_response(pdf, f"afsprakenkaart-{meeting.held_on.isoformat()}.pdf")


@login_required
def meeting_report(request, case_id: int, meeting_id: int):
    access, meeting = _get_meeting(request, case_id, meeting_id, Scope.MEETINGS)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    _printing(request)
    pdf = meeting_report_pdf(meeting, access)
    return pdf_response(pdf, f"verslag-{meeting.held_on.isoformat()}.pdf")


@login_required
def family_copy(request, case_id: int):
    access = family_access_or_403(request, case_id, Need.CONTENT)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    request.audit_channel = AuditEvent.Channel.EXPORT
    return pdf_response(family_copy_pdf(access), f"rondom-gegevens-{access.case.pk}.pdf")


class BlankTimelineForm(forms.Form):
    born = forms.DateField(
        label=_("Date of birth (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Fits the ages and school years to this child. Nothing is stored."),
    )

    def clean_born(self) -> date | None:
        born = self.cleaned_data["born"]
        if born:
            check_birth_date(born, timezone.localdate())
        return born


@login_required
def blank_sheets(request):
    form = BlankTimelineForm(request.GET or None)
    if request.GET and form.is_valid():
        return pdf_response(blank_timeline_pdf(form.cleaned_data["born"]), "lege-tijdlijn.pdf")
    status = 400 if request.GET else 200
    return render(request, "documents/blank_sheets.html", {"form": form}, status=status)


@login_required
def blank_cards(request):
    return pdf_response(blank_cards_pdf(), "lege-kaartjes.pdf")


@login_required
def blank_agreements(request):
    return pdf_response(agreements_card_pdf(), "lege-afsprakenkaart.pdf")
