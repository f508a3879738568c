"""What people add during a meeting: notes per step, factors, key moments, agreements."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rondom.cases.access import Scope
from rondom.core.versioning import StaleVersion, read_version
from rondom.meetings.access import visible_agreements
from rondom.meetings.forms import AgreementForm, FactorForm, FollowUpForm, KeyMomentForm, NoteForm
from rondom.meetings.models import Agreement, Step
from rondom.meetings.views.meetings import get_meeting, meeting_context
from rondom.timeline.access import visible_cards


def _open_meeting(request, case_id: int, meeting_id: int):
    access, meeting = get_meeting(request, case_id, meeting_id)
    if meeting.is_closed:
        raise Http404  # a closed meeting is a read-only record
    return access, meeting


def _back(case_id: int, meeting_id: int, anchor: str = ""):
    response = redirect("meetings:detail", case_id=case_id, meeting_id=meeting_id)
    response["Location"] += anchor
    return response


def _invalid(request, access, meeting, **forms):
    context = meeting_context(request, access, meeting)
    context.update(forms)
    return render(request, "meetings/detail.html", context, status=422)


@login_required
@require_POST
def save_note(request, case_id: int, meeting_id: int, step: int):
    access, meeting = _open_meeting(request, case_id, meeting_id)
    if step not in Step.values:
        raise Http404
    note = meeting.notes.get(step=step)
    form = NoteForm(request.POST, instance=note, prefix=f"step{step}")
    valid = form.is_valid()
    if valid:
        form.instance.updated_by = request.user
        if form.save_if_current():
            return _back(case_id, meeting_id, f"#step-{step}")
    # Show this person's text again, with what the other person saved meanwhile.
    context = meeting_context(request, access, meeting)
    context["steps"] = [(s, q, form if s == step else f) for s, q, f in context["steps"]]
    return render(request, "meetings/detail.html", context, status=409 if valid else 422)


@login_required
@require_POST
def add_factor(request, case_id: int, meeting_id: int):
    access, meeting = _open_meeting(request, case_id, meeting_id)
    form = FactorForm(request.POST)
    if not form.is_valid():
        return _invalid(request, access, meeting, factor_form=form)
    form.instance.meeting = meeting
    form.save()
    return _back(case_id, meeting_id, "#factors")


@login_required
@require_POST
def add_key_moment(request, case_id: int, meeting_id: int):
    access, meeting = _open_meeting(request, case_id, meeting_id)
    cards = visible_cards(access).filter(is_draft=False)
    form = KeyMomentForm(request.POST, cards=cards)
    form.instance.meeting = meeting
    if not form.is_valid():
        return _invalid(request, access, meeting, moment_form=form)
    form.save()
    return _back(case_id, meeting_id, "#key-moments")


@login_required
@require_POST
def add_agreement(request, case_id: int, meeting_id: int):
    access, meeting = _open_meeting(request, case_id, meeting_id)
    if not access.may(Scope.AGREEMENTS):
        raise Http404
    form = AgreementForm(request.POST, case=access.case)
    if not form.is_valid():
        return _invalid(request, access, meeting, agreement_form=form)
    agreement = form.save(commit=False)
    agreement.case, agreement.meeting = access.case, meeting
    agreement.save()
    return _back(case_id, meeting_id, "#agreements")


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
    return _back(case_id, meeting_id, "#agreements")


@login_required
@require_POST
def save_follow_up(request, case_id: int, meeting_id: int):
    access, meeting = _open_meeting(request, case_id, meeting_id)
    form = FollowUpForm(request.POST, instance=meeting)
    if form.is_valid() and form.save_if_current():
        messages.success(request, _("Saved."))
        return _back(case_id, meeting_id, "#follow-up")
    return _invalid(request, access, meeting, follow_up_form=form)
