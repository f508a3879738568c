"""The parent's copy: everything the family's case holds that this person may see, on paper.

It is the right of access in readable form; the same content as JSON comes from
`rondom.exchange`. Other people's private drafts and cards kept from this person stay out.
"""

from django.db.models import Prefetch
from django.utils import timezone

from rondom.cases.access import CaseAccess, Scope
from rondom.help.access import add_rights_and_cards, visible_questions
from rondom.help.satisfaction import answer_history
from rondom.meetings.access import visible_agreements
from rondom.timeline.access import visible_cards
from rondom.timeline.notes import attach_notes
from rondom.timeline.presentation import add_labels, card_texts

from .pdf import render_pdf


def family_copy_context(access: CaseAccess) -> dict:
    case = access.case
    cards = list(
        visible_cards(access).select_related("author", "child").order_by("starts_on", "pk")
    )
    add_labels(cards)
    attach_notes(cards, case.pk)
    children = list(case.children.prefetch_related("school_periods__group_years"))
    meetings = []
    if access.may(Scope.MEETINGS):
        meetings = list(
            case.meetings.order_by("held_on").prefetch_related(
                "notes",
                "factors",
                "attendances__participant",
                Prefetch("agreements", visible_agreements(access).select_related("owner")),
            )
        )
    questions = visible_questions(access).select_related("child", "raised_by")
    return {
        "case": case,
        "questions": add_rights_and_cards(questions.order_by("starts_on", "pk"), access),
        "me": access.participant,
        "children": children,
        "participants": list(case.participants.all()),
        "cards": cards,
        "texts": card_texts(),
        "meetings": meetings,
        "show_agreements": access.may(Scope.AGREEMENTS),
        "consents": list(case.consents.select_related("given_by", "participant", "organisation")),
        "printed_on": timezone.localdate(),
        "satisfaction": answer_history(case),
    }


def family_copy_pdf(access: CaseAccess) -> bytes:
    return render_pdf("documents/family_copy.html", family_copy_context(access))
