from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rondom.cases.access import Need, access_or_404

from .changes import career_changed
from .forms import SchoolPeriodForm
from .spans import group_year_spans


def _child(request, case_id: int, child_id: int):
    access = access_or_404(request, case_id, Need.CONTENT)
    child = access.case.children.filter(pk=child_id).first()
    if child is None:
        raise Http404
    return child


def _period(request, case_id: int, child_id: int, period_id: int):
    child = _child(request, case_id, child_id)
    period = child.school_periods.filter(pk=period_id).first()
    if period is None:
        raise Http404
    return child, period


@login_required
def career(request, case_id: int, child_id: int):
    child = _child(request, case_id, child_id)
    periods = list(child.school_periods.prefetch_related("group_years"))
    return render(
        request,
        "career/career.html",
        {
            "case": child.case,
            "child": child,
            "periods": periods,
            "group_spans": group_year_spans(child, periods),
        },
    )


def _edit(request, child, period=None):
    form = SchoolPeriodForm(request.POST or None, instance=period)
    form.instance.child = child
    if request.method == "POST" and form.is_valid() and form.save_if_current(form.place_groups):
        return redirect("career:career", case_id=child.case_id, child_id=child.pk)
    return render(
        request,
        "career/period_form.html",
        {"form": form, "case": child.case, "child": child, "period": period},
    )


@login_required
def period_create(request, case_id: int, child_id: int):
    return _edit(request, _child(request, case_id, child_id))


@login_required
def period_edit(request, case_id: int, child_id: int, period_id: int):
    child, period = _period(request, case_id, child_id, period_id)
    return _edit(request, child, period)


@login_required
@require_POST
def period_delete(request, case_id: int, child_id: int, period_id: int):
    child, period = _period(request, case_id, child_id, period_id)
    with transaction.atomic():
        period.delete()
        career_changed(child)
    return redirect("career:career", case_id=case_id, child_id=child_id)
