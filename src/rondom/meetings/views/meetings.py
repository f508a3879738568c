"""Planning, running, presenting and closing a meeting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rondom.cases.access import Scope, scoped_access_or_404
from rondom.help.matching import Cell
from rondom.help.presentation import fit_rows
from rondom.meetings.access import visible_agreements, visible_key_moments
from rondom.meetings.closing import changes_since, close_meeting
from rondom.meetings.forms import (
    AgreementForm,
    FactorForm,
    FollowUpForm,
    KeyMomentForm,
    MeetingForm,
    NoteForm,
)
from rondom.meetings.frozen_timeline import frozen_timeline_context
from rondom.meetings.models import QUESTIONS, Agreement, Attendance, Factor, Meeting, Step, StepNote
from rondom.timeline.access import visible_cards
from rondom.timeline.models import Card
from rondom.timeline.presentation import timeline_context

# The id of the board's step panel. A request aimed at it (htmx names its target) gets the
# panel alone: the board swaps steps and follows live changes without drawing the timeline.
BOARD_STEP = "board-step"


def get_meeting(request, case_id: int, meeting_id: int):
    access = scoped_access_or_404(request, case_id, Scope.MEETINGS)
    meeting = access.case.meetings.filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    return access, meeting


@login_required
def meeting_list(request, case_id: int):
    access = scoped_access_or_404(request, case_id, Scope.MEETINGS)
    meetings = access.case.meetings.all()
    return render(
        request, "meetings/list.html", {"case": access.case, "meetings": meetings, "access": access}
    )


@login_required
def meeting_create(request, case_id: int):
    access = scoped_access_or_404(request, case_id, Scope.MEETINGS)
    case = access.case
    form = MeetingForm(request.POST or None, case=case)
    form.instance.case = case
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            meeting = form.save(commit=False)
            meeting.created_by = request.user
            meeting.save()
            present = set(form.cleaned_data["present"])
            Attendance.objects.bulk_create(
                [Attendance(meeting=meeting, participant=p, present=p in present)
                 for p in case.participants.all()]
                + [Attendance(meeting=meeting, guest_name=name, guest_role=role)
                   for name, role in form.cleaned_data["guests"]]
            )  # fmt: skip
            StepNote.objects.bulk_create(StepNote(meeting=meeting, step=step) for step in Step)
        return redirect("meetings:detail", case_id=case.pk, meeting_id=meeting.pk)
    return render(request, "meetings/form.html", {"case": case, "form": form})


def _open_from_before(access, meeting: Meeting):
    """The open agreements of earlier meetings come first, to be reviewed."""
    return (
        visible_agreements(access)
        .filter(status=Agreement.Status.OPEN)
        .exclude(meeting=meeting)
        .filter(meeting__held_on__lte=meeting.held_on)
        .select_related("owner", "meeting", "status_set_by")
    )


def agreements_card(access, meeting: Meeting) -> dict:
    """The agreements card as this person may see it: the meeting's own agreements and the
    open ones of earlier meetings, both empty unless the consent covers agreements."""
    return {
        "agreements": visible_agreements(access)
        .filter(meeting=meeting)
        .select_related("owner", "status_set_by"),
        "earlier_open": _open_from_before(access, meeting),
        "may_agree": access.may(Scope.AGREEMENTS),
    }


def chosen_step(value: object) -> int:
    """The step to open: the one asked for (`?step=3`), or the first."""
    if isinstance(value, str) and value.isdigit() and int(value) in Step.values:
        return int(value)
    return Step.CHECK


def _timeline(request, access, meeting: Meeting) -> dict:
    """The grid beside the steps, of the child asked for or the first: live while the meeting
    is open, from the frozen copy once it is closed."""
    children = list(access.case.children.all())
    wanted = request.GET.get("child", "")
    child = next((c for c in children if str(c.pk) == wanted), children[0] if children else None)
    if child is None:
        return {}
    if meeting.is_closed:
        participants = list(access.case.participants.all())
        context = frozen_timeline_context(meeting, child, children, participants)
        context.update({"child": child, "children": children})
        return context
    # What lies on the table: the cards everyone in the case may read, as the frozen copy will
    # keep them; no drafts, no cards kept from some. Unfiltered, whatever the address says.
    return timeline_context(access, child, QueryDict(), on_the_board=True)


def meeting_context(
    request, access, meeting: Meeting, open_step: int | None = None, conflict: dict | None = None
) -> dict:
    """The meeting page. `open_step` is the step shown open (by default the one the address
    asks for); `conflict`, what someone else saved meanwhile in that step's notes."""
    cards = visible_cards(access).filter(is_draft=False).select_related("author")
    notes = {note.step: note for note in meeting.notes.all()}
    open_step = open_step or chosen_step(request.GET.get("step"))
    attendances = list(meeting.attendances.select_related("participant"))
    context = {
        "access": access,
        "case": access.case,
        "meeting": meeting,
        "attendances": attendances,
        "there": [a for a in attendances if a.present],
        "not_there": [a for a in attendances if not a.present and a.participant],
        "steps": [
            {
                "step": step,
                "questions": QUESTIONS[step],
                "form": NoteForm(instance=notes.get(step), prefix=f"step{step}"),
                "open": step == open_step,
                "conflict": conflict if step == open_step else None,
            }
            for step in Step
        ],
        "open_step": open_step,
        "notes": notes,
        "factors": meeting.factors.all(),
        "key_moments": visible_key_moments(access, meeting).select_related("card__author"),
        **agreements_card(access, meeting),
        "factor_form": FactorForm(),
        "moment_form": KeyMomentForm(cards=cards),
        "agreement_form": AgreementForm(case=access.case, meeting=meeting),
        "follow_up_form": FollowUpForm(instance=meeting),
    }
    context.update(_timeline(request, access, meeting))
    context.update(_fit(access, meeting, cards))
    return context


def _fit(access, meeting: Meeting, cards) -> dict:
    """Step 3's panel "Past de hulp?", from the cards this person may read."""
    agreement_url = ""
    if access.may(Scope.AGREEMENTS) and not meeting.is_closed:
        agreement_url = f"?step={Step.NEXT.value}#agreements"
    rows = fit_rows(access, cards, agreement_url)
    gaps = sum(1 for row in rows if row.cell in (Cell.QUESTION_ONLY, Cell.HELP_ONLY))
    return {"fit": rows, "fit_gaps": gaps}


@login_required
def meeting_detail(request, case_id: int, meeting_id: int):
    access, meeting = get_meeting(request, case_id, meeting_id)
    context = meeting_context(request, access, meeting)
    if meeting.is_closed:
        context["changes"] = changes_since(meeting)
    return render(request, "meetings/detail.html", context)


def board_step(access, meeting: Meeting, step: Step) -> dict:
    """One step as the board shows it, with what belongs to that step. The board shows what
    everyone at the table may see: key moments only on cards shared with everyone."""
    context = {
        "case": access.case,
        "meeting": meeting,
        "step": step,
        "questions": QUESTIONS[step],
        "note": meeting.notes.filter(step=step).first(),
        "previous": step - 1 if step > Step.CHECK else None,
        "next": step + 1 if step < Step.NEXT else None,
    }
    if step == Step.STANDS_OUT:
        shared = Card.objects.for_everyone().filter(case=access.case)
        moments = visible_key_moments(access, meeting).filter(card__in=shared)
        context["key_moments"] = moments.select_related("card__author")
    elif step in (Step.HELP, Step.COLLABORATION):
        if step == Step.HELP:
            shared = visible_cards(access).filter(pk__in=Card.objects.for_everyone().values("pk"))
            context["fit"] = fit_rows(access, shared)
        factors = list(meeting.factors.all())
        context["helping"] = [f for f in factors if f.kind == Factor.Kind.HELPING]
        context["hindering"] = [f for f in factors if f.kind == Factor.Kind.HINDERING]
    elif step == Step.NEXT:
        context.update(agreements_card(access, meeting))
    return context


@login_required
def meeting_present(request, case_id: int, meeting_id: int):
    """For the classroom board: large type, one step at a time, the timeline below."""
    access, meeting = get_meeting(request, case_id, meeting_id)
    step_value = request.GET.get("step", "1")
    step = int(step_value) if step_value.isdigit() and 1 <= int(step_value) <= 5 else 1
    context = board_step(access, meeting, Step(step))
    if request.headers.get("HX-Target") == BOARD_STEP:
        response = render(request, "meetings/_board_step.html", context)
    else:
        child = access.case.children.first()
        if child:
            context.update(timeline_context(access, child, request.GET, on_the_board=True))
        response = render(request, "meetings/present.html", context)
    patch_vary_headers(response, ["HX-Target"])
    return response


def _manager_meeting(request, case_id: int, meeting_id: int):
    access, meeting = get_meeting(request, case_id, meeting_id)
    if not access.is_case_manager:
        raise PermissionDenied
    return access, meeting


@login_required
def meeting_close_confirm(request, case_id: int, meeting_id: int):
    """Closing cannot be undone, so it is asked for once more, with what it means."""
    access, meeting = _manager_meeting(request, case_id, meeting_id)
    if meeting.is_closed:
        return redirect("meetings:detail", case_id=case_id, meeting_id=meeting_id)
    return render(request, "meetings/close_confirm.html", {"case": access.case, "meeting": meeting})


@login_required
@require_POST
def meeting_close(request, case_id: int, meeting_id: int):
    access, meeting = get_meeting(request, case_id, meeting_id)
    if not access.is_case_manager:
        messages.error(request, _("Only the case manager closes a meeting."))
    elif request.POST.get("confirm") != "yes":
        # Not confirmed, for example a form without the question: ask first, close nothing.
        return redirect("meetings:close_confirm", case_id=case_id, meeting_id=meeting_id)
    elif not meeting.is_closed:
        close_meeting(meeting)
        messages.success(request, _("The meeting is closed; its timeline and notes are kept."))
    return redirect("meetings:detail", case_id=case_id, meeting_id=meeting_id)
