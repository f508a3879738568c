from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rondom.cases.access import manager_access_or_403
from rondom.cases.forms import InvitationForm, ParticipantForm
from rondom.cases.invitations import InvitationError, invite
from rondom.cases.services import why_not_removable


def _participant(request, case_id: int, participant_id: int):
    case = manager_access_or_403(request, case_id).case
    participant = case.participants.filter(pk=participant_id).first()
    if participant is None:
        raise Http404
    return case, participant


@login_required
def participant_create(request, case_id: int):
    case = manager_access_or_403(request, case_id).case
    form = ParticipantForm(request.POST or None, case=case)
    form.instance.case = case
    if request.method == "POST" and form.is_valid() and form.save_if_current():
        return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/participant_form.html", {"form": form, "case": case})


@login_required
def participant_edit(request, case_id: int, participant_id: int):
    case, participant = _participant(request, case_id, participant_id)
    form = ParticipantForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid() and form.save_if_current():
        return redirect("cases:detail", case_id=case.pk)
    return render(
        request,
        "cases/participant_form.html",
        {
            "form": form,
            "case": case,
            "participant": participant,
            "invitation": InvitationForm(),
        },
    )


@login_required
@require_POST
def participant_delete(request, case_id: int, participant_id: int):
    case, participant = _participant(request, case_id, participant_id)
    if refusal := why_not_removable(participant):
        messages.error(request, refusal % {"name": participant.name})
    elif participant.user_id == request.user.pk:
        messages.error(request, _("You cannot remove yourself from the case."))
    else:
        participant.delete()
    return redirect("cases:detail", case_id=case.pk)


@login_required
@require_POST
def participant_invite(request, case_id: int, participant_id: int):
    case, participant = _participant(request, case_id, participant_id)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invite(participant, form.cleaned_data["email"], request.user)
        except InvitationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("%(name)s has been invited by email.") % {"name": participant.name}
            )
            return redirect("cases:detail", case_id=case.pk)
    else:
        messages.error(request, _("Enter a valid email address."))
    return redirect("cases:participant_edit", case_id=case.pk, participant_id=participant.pk)
