"""The agreements card and the meeting report, on A4."""

from django.utils import timezone

from rondom.cases.access import CaseAccess, Scope
from rondom.cases.models import Case
from rondom.meetings.access import visible_agreements, visible_key_moments
from rondom.meetings.models import QUESTIONS, Factor, Meeting, Step
from rondom.timeline.models import Card

from .pdf import render_pdf

# Empty lines below the filled-in agreements, for what is added by hand at the table.
EXTRA_LINES = 4
BLANK_LINES = 12


def agreements_card_pdf(
    case: Case | None = None, meeting: Meeting | None = None, access: CaseAccess | None = None
) -> bytes:
    """Filled in from a meeting (as far as `access` may see them), or empty for paper."""
    agreements = []
    if meeting:
        shown = visible_agreements(access) if access else meeting.agreements.all()
        agreements = list(shown.filter(meeting=meeting).select_related("owner"))
    empty_lines = EXTRA_LINES if meeting else BLANK_LINES
    context = {
        "case": case,
        # A pseudonym in an anonymous case, as everywhere; never a date of birth here.
        "children": list(case.children.all()) if case else [],
        "meeting": meeting,
        "agreements": agreements,
        "empty_lines": range(empty_lines),
        "printed_on": timezone.localdate(),
    }
    return render_pdf("documents/agreements_card.html", context)


def meeting_report_context(meeting: Meeting, access: CaseAccess | None = None) -> dict:
    """With `access`, what that person may see; without (the command line), all of it. Key
    moments are only those on cards shared with everyone, since a report goes round."""
    notes = {note.step: note.text for note in meeting.notes.all()}
    factors = list(meeting.factors.all())
    shared = Card.objects.for_everyone().filter(case=meeting.case)
    key_moments = visible_key_moments(access, meeting) if access else meeting.key_moments.all()
    agreements = visible_agreements(access) if access else meeting.case.agreements.all()
    attendances = list(meeting.attendances.select_related("participant"))
    return {
        "case": meeting.case,
        "meeting": meeting,
        "present": [a for a in attendances if a.present],
        "absent": [a for a in attendances if not a.present],
        "steps": [(step, QUESTIONS[step], notes.get(step, "")) for step in Step],
        "key_moments": list(key_moments.filter(card__in=shared).select_related("card__author")),
        "helping": [f for f in factors if f.kind == Factor.Kind.HELPING],
        "hindering": [f for f in factors if f.kind == Factor.Kind.HINDERING],
        "agreements": list(agreements.filter(meeting=meeting).select_related("owner")),
        "show_agreements": access is None or access.may(Scope.AGREEMENTS),
        "printed_on": timezone.localdate(),
    }


def meeting_report_pdf(meeting: Meeting, access: CaseAccess | None = None) -> bytes:
    return render_pdf("documents/meeting_report.html", meeting_report_context(meeting, access))
