"""The praatplaat of a child and the blank sheets for working on paper."""

from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from rondom.cases.access import CaseAccess
from rondom.cases.models import Case, Child
from rondom.core.dates import age_on
from rondom.help.presentation import questions_for_child
from rondom.help.satisfaction import latest_answers
from rondom.timeline.access import visible_cards
from rondom.timeline.kinds import ROWS, Rating
from rondom.timeline.models import Card
from rondom.timeline.notes import attach_notes
from rondom.timeline.presentation import add_labels, card_texts, child_layout

from .pdf import cores_are_free, render_parts, render_pdf
from .praatplaat import blank_sheet, build_sheet, split_bands

# From this many cards on, the praatplaat is drawn in parts at the same time, when cores are
# free (see pdf.py).
DRAW_IN_PARTS_FROM = 150


def praatplaat_context(
    case: Case, child: Child, today: date | None = None, access: CaseAccess | None = None
) -> dict:
    """With `access`, the note on left-out cards counts only cards that person may see: a
    parent must not learn that a card is kept from them."""
    today = today or timezone.localdate()
    cards = list(
        Card.objects.for_everyone()
        .for_child(child)
        .select_related("author")
        .order_by("starts_on", "pk")
    )
    add_labels(cards)
    layout = child_layout(child, cards, today)
    sheet = build_sheet(layout)
    # A question names its card by the card's number on this sheet, and only a card that is on
    # it: never a draft or a card with limited access.
    questions = questions_for_child(access, child, Card.objects.for_everyone().filter(case=case))
    numbers = {
        item.item.pk: item.number for band in sheet.bands for item in band.items if item.number
    }
    numbers |= {item.item.pk: item.number for item in sheet.unplaced}
    for question in questions:
        question.card_number = numbers.get(question.shown_card.pk) if question.shown_card else None
    # The notes that reached the cards from outside the case, by the cards' numbers.
    attach_notes(cards, case.pk)
    card_notes = [
        (numbers[card.pk], note)
        for card in cards
        if card.pk in numbers
        for note in card.shown_notes
    ]
    card_notes.sort(key=lambda pair: pair[0])
    readable = visible_cards(access) if access else Card.objects.alive().filter(case=case)
    restricted = (
        readable.for_child(child).filter(is_draft=False, restricted_to__isnull=False).distinct()
    ).count()
    return {
        "case": case,
        "child": child,
        "participants": list(case.participants.all()),
        "sheet": sheet,
        "questions": questions,
        "texts": card_texts() | {"continued": _("Full text after the sheet: card")},
        "ratings": Rating.choices,
        "current_age": age_on(child.date_of_birth, today),
        "restricted_count": restricted,
        "card_notes": card_notes,
        "printed_on": today,
        # What each participant last said about the help: part of the case review.
        "satisfaction": latest_answers(case),
    }


def praatplaat_pdf(
    case: Case,
    child: Child,
    today: date | None = None,
    access: CaseAccess | None = None,
    in_parts: bool | None = None,
) -> bytes:
    """`in_parts` decides how a long sheet is drawn; None leaves it to the cores' load."""
    context = praatplaat_context(case, child, today, access)
    sheet = context["sheet"]
    long = sheet.card_count >= DRAW_IN_PARTS_FROM and settings.PDF_WORKERS >= 2
    if long and in_parts is None:
        in_parts = cores_are_free()
    parts = settings.PDF_WORKERS if long and in_parts else 1
    runs = split_bands(sheet.bands, parts)
    htmls = [
        render_to_string(
            "documents/praatplaat.html",
            {**context, "bands": bands, "first": index == 0, "last": index == len(runs) - 1},
        )
        for index, bands in enumerate(runs)
    ]
    return render_parts(htmls)


def blank_timeline_pdf(birth: date | None = None) -> bytes:
    today = timezone.localdate()
    years = max(13, age_on(birth, today) + 1) if birth else 13
    context = {
        "sheet": blank_sheet(birth, years),
        "blank": True,
        "birth": birth,
        "show_years": birth is not None,
        "printed_on": today,
    }
    return render_pdf("documents/blank_timeline.html", context)


def blank_cards_pdf() -> bytes:
    rows = [row for row in ROWS if row.card_kind]
    context = {"rows": rows, "ratings": Rating.choices, "printed_on": timezone.localdate()}
    return render_pdf("documents/blank_cards.html", context)
