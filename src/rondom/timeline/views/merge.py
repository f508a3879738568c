"""Bringing the perspectives together: link cards about the same thing, see the differences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rondom.cases.access import Need, access_or_404
from rondom.timeline.access import visible_cards
from rondom.timeline.merging import (
    active_links,
    hidden_ids,
    hide,
    link_cards,
    merged_rows,
    show_again,
    unlink,
)
from rondom.timeline.notes import attach_notes
from rondom.timeline.presentation import add_edit_rights, add_labels, card_texts


def _shared_cards(access):
    return visible_cards(access).filter(is_draft=False).select_related("author", "child")


def _back(request, case_id: int):
    child = request.POST.get("child") or request.GET.get("child") or ""
    if child.isdigit():
        return redirect(reverse("timeline:merge", args=[case_id, int(child)]))
    return redirect("cases:detail", case_id=case_id)


@login_required
def merge_view(request, case_id: int, child_id: int):
    access = access_or_404(request, case_id, Need.CONTENT)
    child = access.case.children.filter(pk=child_id).first()
    if child is None:
        raise Http404
    cards = list(_shared_cards(access).for_child(child).order_by("starts_on", "pk"))
    add_labels(cards)
    add_edit_rights(cards, access)
    attach_notes(cards, access.case.pk)
    hidden = hidden_ids(cards)
    rows = merged_rows([c for c in cards if c.pk not in hidden], active_links(access.case.pk))
    return render(
        request,
        "timeline/merge.html",
        {
            "case": access.case,
            "child": child,
            "rows": rows,
            "hidden": [c for c in cards if c.pk in hidden],
            "texts": card_texts(),
            "differences": sum(1 for row in rows for entry in row.entries if entry.differs),
        },
    )


@login_required
@require_POST
def merge_link(request, case_id: int):
    access = access_or_404(request, case_id, Need.CONTENT)
    ids = [int(v) for v in request.POST.getlist("card") if v.isdigit()]
    cards = list(_shared_cards(access).filter(pk__in=ids).order_by("pk"))
    if len(cards) < 2 or len(cards) != len(set(ids)):
        messages.error(request, _("Choose at least two cards to link."))
    elif len({c.kind for c in cards}) > 1:
        messages.error(request, _("Only cards in the same row can describe the same thing."))
    else:
        link_cards(cards, request.user)
    return _back(request, case_id)


@login_required
@require_POST
def merge_unlink(request, case_id: int):
    access = access_or_404(request, case_id, Need.CONTENT)
    ids = {int(v) for v in request.POST.getlist("link") if v.isdigit()}
    visible = set(_shared_cards(access).values_list("pk", flat=True))
    links = [
        link
        for link in active_links(access.case.pk)
        if link.pk in ids and link.first_id in visible and link.second_id in visible
    ]
    unlink(links, request.user)
    return _back(request, case_id)


def _card(request, case_id: int, card_id: int):
    access = access_or_404(request, case_id, Need.CONTENT)
    card = _shared_cards(access).filter(pk=card_id).first()
    if card is None:
        raise Http404
    return card


@login_required
@require_POST
def merge_hide(request, case_id: int, card_id: int):
    hide(_card(request, case_id, card_id), request.user)
    return _back(request, case_id)


@login_required
@require_POST
def merge_show(request, case_id: int, card_id: int):
    show_again(_card(request, case_id, card_id), request.user)
    return _back(request, case_id)
