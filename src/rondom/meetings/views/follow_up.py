"""Follow-up across cases: my agreements, and the case manager's overview."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Min, Q
from django.shortcuts import render
from django.utils import timezone

from rondom.cases.access import Need, Scope, agreements_for_user, cases_for
from rondom.cases.models import Case


@login_required
def my_agreements(request):
    agreements = (
        agreements_for_user(request.user)
        .filter(owner__user=request.user)
        .select_related("case", "meeting", "owner")
        .order_by("status", "due_on")
    )
    return render(
        request,
        "meetings/my_agreements.html",
        {"agreements": agreements, "today": timezone.localdate()},
    )


@login_required
def overview(request):
    """For case managers: next meeting, open and overdue agreements, and cases without a plan."""
    today = timezone.localdate()
    managed = Case.objects.filter(
        pk__in=cases_for(request.user, Need.CONTENT, Scope.AGREEMENTS),
        participants__user=request.user,
        participants__is_case_manager=True,
    )
    cases = managed.annotate(
        open_count=Count("agreements", filter=Q(agreements__status="open"), distinct=True),
        overdue_count=Count(
            "agreements",
            filter=Q(agreements__status="open", agreements__due_on__lt=today),
            distinct=True,
        ),
        next_meeting=Min(
            "meetings__next_meeting_on", filter=Q(meetings__next_meeting_on__gte=today)
        ),
        last_meeting=Max("meetings__held_on"),
    ).order_by("title")
    return render(request, "meetings/overview.html", {"cases": cases, "today": today})
