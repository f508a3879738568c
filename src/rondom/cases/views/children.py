from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from rondom.cases.access import get_case_for, get_child_for
from rondom.cases.forms import ChildForm


@login_required
def child_create(request, case_id: int):
    case = get_case_for(request.user, case_id)
    form = ChildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        child = form.save(commit=False)
        child.case = case
        child.save()
        return redirect("timeline:child", case_id=case.pk, child_id=child.pk)
    return render(request, "cases/child_form.html", {"form": form, "case": case})


@login_required
def child_edit(request, case_id: int, child_id: int):
    child = get_child_for(request.user, case_id, child_id)
    form = ChildForm(request.POST or None, instance=child)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("timeline:child", case_id=case_id, child_id=child.pk)
    return render(
        request, "cases/child_form.html", {"form": form, "case": child.case, "child": child}
    )
