"""The pages a person starts from, across their cases: the case list, my agreements, and
the case manager's overview."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, prefetch_related_objects
from django.shortcuts import render
from django.utils import timezone

from rondom.cases.access import Need, Scope, cases_for, may_start_case
from rondom.cases.models import Case, Child
from rondom.meetings.access import agreements_for_user
from rondom.networks.agreements import agreements_to_follow
from rondom.timeline.access import card_counts


@login_required
def my_agreements(request):
    agreements = (
        agreements_for_user(request.user)
        .filter(owner__user=request.user)
        .select_related("case", "meeting", "owner")
        .order_by("status", "due_on")
    )
    context = {
        "agreements": agreements,
        # What the person owns in a network, and what member organisations of the networks
        # they coordinate own.
        "network_agreements": agreements_to_follow(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "caseload/my_agreements.html", context)


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
    return render(request, "caseload/overview.html", {"cases": cases, "today": today})


CASES_PER_PAGE = 50


@login_required
def case_list(request):
    """A page of this person's cases, optionally those whose name or child's name matches."""
    query = request.GET.get("q", "").strip()[:80]
    cases = cases_for(request.user)
    if query:
        children = Child.objects.filter(case=OuterRef("pk"), name__icontains=query)
        cases = cases.filter(Q(title__icontains=query) | Q(Exists(children)))
    cases = card_counts(request.user, cases.order_by("title", "pk"))
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    prefetch_related_objects(page.object_list, "children")
    return render(
        request,
        "caseload/case_list.html",
        {"page": page, "query": query, "may_start_case": may_start_case(request.user)},
    )
