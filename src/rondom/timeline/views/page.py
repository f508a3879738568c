"""The timeline page of one child: the grid, the tray of unplaced cards and the filters."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from rondom.cases.access import get_child_for, participant_for
from rondom.timeline.career import group_year_spans
from rondom.timeline.kinds import ROWS, ROWS_BY_KEY
from rondom.timeline.layout import lay_out
from rondom.timeline.models import Card


def _selected_ids(request, name: str, allowed: set) -> set:
    chosen = set()
    for value in request.GET.getlist(name):
        key = int(value) if value.isdigit() else value
        if key in allowed:
            chosen.add(key)
    return chosen


def timeline_context(request, child) -> dict:
    case = child.case
    participants = list(case.participants.all())
    author_ids = _selected_ids(request, "author", {p.pk for p in participants})
    row_keys = _selected_ids(request, "row", set(ROWS_BY_KEY))

    cards = Card.objects.alive().for_child(child).select_related("author", "child")
    if author_ids:
        cards = cards.filter(author_id__in=author_ids)
    cards = list(cards.order_by("starts_on", "pk"))
    periods = list(child.school_periods.prefetch_related("group_years"))
    rows = tuple(row for row in ROWS if not row_keys or row.key in row_keys)
    today = timezone.localdate()
    layout = lay_out(
        child.date_of_birth, today, cards, periods, group_year_spans(child, periods), rows
    )
    return {
        "case": case,
        "child": child,
        "children": list(case.children.all()),
        "participants": participants,
        "me": participant_for(request.user, case),
        "layout": layout,
        "cards_by_date": [c for c in cards if c.starts_on is not None],
        "periods": periods,
        "author_ids": author_ids,
        "row_keys": row_keys,
        "all_rows": ROWS,
        "filtered": bool(author_ids or row_keys),
    }


@login_required
def child_timeline(request, case_id: int, child_id: int):
    child = get_child_for(request.user, case_id, child_id)
    return render(request, "timeline/page.html", timeline_context(request, child))
