"""The report of a review meeting: an A4 PDF of the period's figures with their trend, the
stories from the three perspectives, the agreements made and the notes.

It is drawn from the same agenda as the meeting's page (`reviews.agenda_for`), with the same
figure texts, so the page and the paper cannot disagree and a hidden figure reaches neither.
"""

from django.utils import timezone

from rondom.documents.pdf import render_pdf

from .models import ReviewMeeting
from .reviews import Agenda
from .trend import hidden_note, period_label, trend_chart


def report_context(agenda: Agenda, pdf: bool) -> dict:
    """What the meeting's page and its report both show; `pdf` for the paper."""
    return {
        "agenda": agenda,
        "review": agenda.review,
        "network": agenda.network,
        "period_label": period_label(agenda.period),
        "hidden_note": hidden_note(agenda.k),
        "items": [
            (item, trend_chart(item.trend, f"mst-trend-{item.indicator.pk}"))
            for item in agenda.indicators
        ],
        "printed_on": timezone.localdate(),
        "pdf": pdf,
    }


def render_report(agenda: Agenda) -> bytes:
    return render_pdf("monitor/review_pdf.html", report_context(agenda, pdf=True))


def report_filename(review: ReviewMeeting) -> str:
    period = review.period
    return f"leerbijeenkomst-{period.year}-{period.half}-{review.held_on.isoformat()}.pdf"
