from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render

from rondom.cases.access import cases_for, get_case_for
from rondom.cases.forms import CaseForm
from rondom.cases.services import start_case


@login_required
def case_list(request):
    cases = (
        cases_for(request.user)
        .prefetch_related("children")
        .annotate(card_count=Count("cards", filter=Q(cards__deleted_at__isnull=True)))
    )
    return render(request, "cases/case_list.html", {"cases": cases})


@login_required
def case_create(request):
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = start_case(form.cleaned_data["title"], request.user)
        return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/case_form.html", {"form": form})


@login_required
def case_detail(request, case_id: int):
    case = get_case_for(request.user, case_id)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "children": case.children.all(),
            "participants": case.participants.select_related("user"),
        },
    )


@login_required
def case_edit(request, case_id: int):
    case = get_case_for(request.user, case_id)
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid() and form.save_if_current():
        return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "case": case})
