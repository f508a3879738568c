from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from rondom.cases.access import get_case_for, get_child_for
from rondom.cases.forms import ChildForm


@login_required
def child_create(request, case_id: int):
    case = get_case_for(request.user, case_id)
    form = ChildForm(request.POST or None)
    form.instance.case = case
    if request.method == "POST" and form.is_valid():
        child = form.save_if_current()
        return redirect("timeline:child", case_id=case.pk, child_id=child.pk)
    return render(request, "cases/child_form.html", {"form": form, "case": case})


@login_required
def child_edit(request, case_id: int, child_id: int):
    child = get_child_for(request.user, case_id, child_id)
    form = ChildForm(request.POST or None, instance=child)
    if request.method == "POST" and form.is_valid() and form.save_if_current():
        return redirect("timeline:child", case_id=case_id, child_id=child.pk)
    return render(
        request, "cases/child_form.html", {"form": form, "case": child.case, "child": child}
    )
