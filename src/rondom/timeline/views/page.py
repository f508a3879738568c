"""The timeline page of one child: the grid, the tray of unplaced cards and the filters."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from rondom.cases.access import Need, access_or_404
from rondom.timeline.presentation import timeline_context


@login_required
def child_timeline(request, case_id: int, child_id: int):
    access = access_or_404(request, case_id, Need.CONTENT)
    child = access.case.children.filter(pk=child_id).first()
    if child is None:
        raise Http404
    return render(request, "timeline/page.html", timeline_context(access, child, request.GET))
