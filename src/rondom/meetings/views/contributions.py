"""What people add during a meeting, and take away again: notes per step, factors, key
moments, agreements."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rondom.cases.access import Scope
from rondom.core.versioning import StaleVersion, read_version
from rondom.meetings.access import visible_agreements, visible_key_moments
from rondom.meetings.forms import AgreementForm, FactorForm, FollowUpForm, KeyMomentForm, NoteForm
from rondom.meetings.models import Agreement, Step, StepNote
from rondom.meetings.views.meetings import chosen_step, get_meeting, meeting_context
from rondom.timeline.access import visible_cards


def _open_meeting(request, case_id: int, meeting_id: int):
    access, meeting = get_meeting(request, case_id, meeting_id)
    if meeting.is_closed:
        raise Http404  # a closed meeting is a record to read
    return access, meeting


def _back(case_id: int, meeting_id: int, step: int, anchor: str = ""):
    """Back to the meeting, with the step that was worked on open."""
    response = redirect("meetings:detail", case_id=case_id, meeting_id=meeting_id)
    response["Location"] += f"?step={step}{anchor}"
    return response


def _invalid(request, access, meeting, step: int, **forms):
    context = meeting_context(request, access, meeting, open_step=step)
    context.update(forms)
    return render(request, "meetings/detail.html", context, status=422)


def _wants_json(request) -> bool:
    """Notes saved as someone types ask for a short answer instead of the page."""
    return "application/json" in request.headers.get("Accept", "")


def _conflict(access, note: StepNote) -> dict:
    """What is saved in `note` now, and who saved it, to show beside this person's text."""
    current = StepNote.objects.get(pk=note.pk)
    saved_by = (
        access.case.participants.filter(user_id=current.updated_by_id)
        .values_list("name", flat=True)
        .first()
    )
    return {
        "text": current.text,
        "by": saved_by or "",
        # The same person, in another window or on another device.
        "by_you": current.updated_by_id is not None and current.updated_by_id == access.user.pk,
        "version": current.version,
    }


def _note_problem(request, form, conflict: dict | None) -> str:
    errors = [] if conflict else [e for errors in form.errors.values() for e in errors]
    return render_to_string(
        "meetings/_note_problem.html", {"conflict": conflict, "errors": errors}, request
    )


@login_required
@require_POST
def save_note(request, case_id: int, meeting_id: int, step: int):
    access, meeting = get_meeting(request, case_id, meeting_id)
    if step not in Step.values:
        raise Http404
    if meeting.is_closed:
        if _wants_json(request):
            # Closed while this person was typing: say so, rather than "try again".
            problem = render_to_string("meetings/_note_problem.html", {"closed": True}, request)
            return JsonResponse({"problem": problem}, status=410)
        raise Http404
    note = meeting.notes.get(step=step)
    form = NoteForm(request.POST, instance=note, prefix=f"step{step}")
    valid = form.is_valid()
    if valid:
        form.instance.updated_by = request.user
        if form.save_if_current():
            if _wants_json(request):
                return JsonResponse({"version": form.instance.version})
            return _back(case_id, meeting_id, step, f"#step-{step}")
    # Refused: this person's text stays, with what the other person saved meanwhile beside it.
    # Their version goes with the form, so saving again knowingly replaces it.
    conflict = _conflict(access, note) if valid else None
    status = 409 if valid else 422
    if _wants_json(request):
        answer = {"problem": _note_problem(request, form, conflict)}
        if conflict:
            answer["version"] = conflict["version"]
        return JsonResponse(answer, status=status)
    context = meeting_context(request, access, meeting, open_step=step, conflict=conflict)
    for item in context["steps"]:
        if item["step"] == step:
            item["form"] = form
    return render(request, "meetings/detail.html", context, status=status)


@login_required
@require_POST
def add_factor(request, case_id: int, meeting_id: int):
    access, meeting = _open_meeting(request, case_id, meeting_id)
    form = FactorForm(request.POST)
    if not form.is_valid():
        return _invalid(request, access, meeting, Step.STANDS_OUT, factor_form=form)
    form.instance.meeting = meeting
    form.save()
    return _back(case_id, meeting_id, Step.STANDS_OUT, "#factors")


@login_required
@require_POST
def remove_factor(request, case_id: int, meeting_id: int, factor_id: int):
    _access, meeting = _open_meeting(request, case_id, meeting_id)
    factor = meeting.factors.filter(pk=factor_id).first()
    if factor is None:
        raise Http404
    factor.delete()
    return _back(case_id, meeting_id, Step.STANDS_OUT, "#factors")


@login_required
@require_POST
def add_key_moment(request, case_id: int, meeting_id: int):
    access, meeting = _open_meeting(request, case_id, meeting_id)
    # The author names the card in the dropdown, should the form be shown again.
    cards = visible_cards(access).filter(is_draft=False).select_related("author")
    form = KeyMomentForm(request.POST, cards=cards)
    form.instance.meeting = meeting
    if not form.is_valid():
        return _invalid(request, access, meeting, Step.STANDS_OUT, moment_form=form)
    form.save()
    return _back(case_id, meeting_id, Step.STANDS_OUT, "#key-moments")


@login_required
@require_POST
def remove_key_moment(request, case_id: int, meeting_id: int, moment_id: int):
    # As for marking one: only on a card this person may read.
    access, meeting = _open_meeting(request, case_id, meeting_id)
    moment = visible_key_moments(access, meeting).filter(pk=moment_id).first()
    if moment is None:
        raise Http404
    moment.delete()
    return _back(case_id, meeting_id, Step.STANDS_OUT, "#key-moments")


@login_required
@require_POST
def add_agreement(request, case_id: int, meeting_id: int):
    access, meeting = _open_meeting(request, case_id, meeting_id)
    if not access.may(Scope.AGREEMENTS):
        raise Http404
    form = AgreementForm(request.POST, case=access.case, meeting=meeting)
    if not form.is_valid():
        return _invalid(request, access, meeting, Step.NEXT, agreement_form=form)
    agreement = form.save(commit=False)
    agreement.case, agreement.meeting = access.case, meeting
    agreement.save()
    return _back(case_id, meeting_id, Step.NEXT, "#agreements")


@login_required
@require_POST
def set_agreement_status(request, case_id: int, meeting_id: int, agreement_id: int):
    access, meeting = get_meeting(request, case_id, meeting_id)
    agreement = visible_agreements(access).filter(pk=agreement_id).first()
    status = request.POST.get("status")
    if agreement is None or status not in Agreement.Status.values:
        raise Http404
    agreement.status = status
    agreement.status_set_by = request.user
    agreement.status_set_at = timezone.now()
    expected = read_version(request.POST.get("version"))
    fields = ["status", "status_set_by", "status_set_at", "version"]
    try:
        agreement.save_if_current(expected, lambda: agreement.save(update_fields=fields))
    except StaleVersion as stale:
        messages.error(
            request,
            _("Someone else changed this agreement meanwhile; it is now “%(status)s”. Look again.")
            % {"status": stale.current.get_status_display()},
        )
    # The open agreements of earlier meetings are reviewed in the first step.
    if chosen_step(request.POST.get("step")) == Step.CHECK:
        return _back(case_id, meeting_id, Step.CHECK, "#review")
    return _back(case_id, meeting_id, Step.NEXT, "#agreements")


@login_required
@require_POST
def save_follow_up(request, case_id: int, meeting_id: int):
    access, meeting = _open_meeting(request, case_id, meeting_id)
    form = FollowUpForm(request.POST, instance=meeting)
    if form.is_valid() and form.save_if_current():
        messages.success(request, _("Saved."))
        return _back(case_id, meeting_id, Step.NEXT, "#follow-up")
    return _invalid(request, access, meeting, Step.NEXT, follow_up_form=form)
