from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from rondom.cases.access import manager_access_or_403
from rondom.cases.forms import ChildForm


@login_required
def child_create(request, case_id: int):
    case = manager_access_or_403(request, case_id).case
    form = ChildForm(request.POST or None)
    form.instance.case = case
    if request.method == "POST" and form.is_valid():
        child = form.save_if_current()
        return redirect("timeline:child", case_id=case.pk, child_id=child.pk)
    return render(request, "cases/child_form.html", {"form": form, "case": case})


@login_required
def child_edit(request, case_id: int, child_id: int):
    case = manager_access_or_403(request, case_id).case
    child = case.children.filter(pk=child_id).first()
    if child is None:
        raise Http404
    form = ChildForm(request.POST or None, instance=child)
    if request.method == "POST" and form.is_valid() and form.save_if_current():
        return redirect("timeline:child", case_id=case_id, child_id=child.pk)
    return render(request, "cases/child_form.html", {"form": form, "case": case, "child": child})
