"""Satisfaction with the help: the case's answers, and the one short form to give one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from rondom.cases.access import Need, Scope, access_or_404

from ..satisfaction import (
    SatisfactionForm,
    answer_history,
    answerable_participants,
    open_meetings,
    record_answer,
)


def _number(value: str | None) -> int | None:
    if value in (None, ""):
        return None
    if not value.isdigit():
        raise Http404
    return int(value)


@login_required
def satisfaction_overview(request, case_id: int):
    """Everyone's latest answer, and every earlier one: the history stays in the case."""
    access = access_or_404(request, case_id, Need.CONTENT)
    case = access.case
    return render(
        request,
        "help/satisfaction.html",
        {
            "access": access,
            "case": case,
            "history": answer_history(case),
            "show_meetings": access.may(Scope.MEETINGS),
        },
    )


@login_required
def satisfaction_answer(request, case_id: int):
    """The form, for oneself or (the case manager) for someone without an account. `for`,
    `meeting` and `close` say for whom, at which meeting, and whether the case is closing."""
    access = access_or_404(request, case_id, Need.CONTENT)
    case = access.case
    people = answerable_participants(access)
    if not people.exists():
        raise PermissionDenied(_("Only people in the case give an answer, each for themselves."))

    def asked(name: str) -> str | None:
        # The form sends them along; the address carries them to the form.
        return request.POST.get(name, request.GET.get(name))

    wanted = _number(asked("for"))
    if wanted is not None:
        if not case.participants.filter(pk=wanted).exists():
            raise Http404
        if not people.filter(pk=wanted).exists():
            raise PermissionDenied(_("You can only give your own answer."))
        people = people.filter(pk=wanted)
    meeting = None
    if (meeting_id := _number(asked("meeting"))) is not None:
        meeting = open_meetings(access).filter(pk=meeting_id).first()
        if meeting is None:
            raise Http404
    at_close = asked("close") == "1" or case.closed_at is not None
    form = SatisfactionForm(request.POST or None, access=access, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record_answer(
            participant=data["participant"],
            satisfaction=data["satisfaction"],
            reasons=data["reasons"],
            remark=data["remark"],
            given_by=request.user,
            meeting=meeting,
            at_close=at_close,
        )
        messages.success(request, _("Thank you. Your answer has been saved."))
        if meeting is not None:
            url = reverse("meetings:detail", args=[case.pk, meeting.pk])
            return redirect(f"{url}?step=5#satisfaction")
        if at_close and case.closed_at is None:
            return redirect("cases:close", case_id=case.pk)
        return redirect(reverse("cases:detail", args=[case.pk]) + "#satisfaction")
    only = list(people) if len(people) == 1 else []
    person = only[0] if only else None
    return render(
        request,
        "help/satisfaction_answer.html",
        {
            "access": access,
            "case": case,
            "form": form,
            "person": person,
            "for_someone_else": person is not None and person != access.participant,
            "meeting": meeting,
            "at_close": at_close,
            "wanted": wanted,
        },
    )
