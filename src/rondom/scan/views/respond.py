"""Filling in the samenwerkingsscan: by a personal link, or after login.

A personal link's secret is in one address only, the link itself. Opening it remembers the
invitation in this browser's session and goes on to the round's own pages, so that no later
address, and so no log line, holds the secret. The link refuses, with a page that says why
and nothing more, an unknown link and a round that is not open.

Every page of a respondent finds their answers by their response's key, never by a stored
link, and shows only their own. Once sent, the answers can be read until the round closes,
and no longer changed.
"""

from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..answering import (
    AnswerRefused,
    answers_of,
    find_response,
    invitation_for,
    is_answered,
    is_complete,
    open_invitations,
    progress_of,
    remember_link,
    remember_open_invitations,
    save_answers,
    screens_of,
    statement_count,
    submit,
    where_to_continue,
)
from ..forms import REMARK_LENGTH, AnswerForm
from ..models import Answer, Audience, Invitation, Round, audience_of
from ..respondents import response_key, token_hash

# The longest link secret worth looking up; `link_token` makes 43 characters.
MAX_TOKEN_LENGTH = 64


def _refused(request: HttpRequest, reason: str, round: Round | None = None, status=200):
    """A clear page for a link or round that cannot be answered: why, and nothing else."""
    context = {"reason": reason, "round": round}
    return render(request, "scan/respond_refused.html", context, status=status)


def _not_open(request: HttpRequest, round: Round) -> HttpResponse | None:
    today = timezone.localdate()
    if round.has_closed(today):
        return _refused(request, "closed", round)
    if not round.is_open(today):
        return _refused(request, "coming", round)
    return None


def _invitation(request: HttpRequest, round_id: int) -> Invitation | HttpResponse:
    """The invitation this browser answers the round with; a page that says what to do
    for a visitor without one, a 404 for someone logged in without one."""
    invitation = invitation_for(request, round_id)
    if invitation is not None:
        return invitation
    if request.user.is_authenticated:
        raise Http404
    return _refused(request, "no_link", status=403)


def _base_context(invitation: Invitation) -> dict:
    round = invitation.round
    audience = audience_of(invitation.sector)
    return {
        "invitation": invitation,
        "round": round,
        "network": round.network,
        "audience": audience,
        "for_parents": audience == Audience.PARENT,
    }


def _summary(screens, answers: dict[int, Answer]) -> list[dict]:
    return [
        {
            "screen": screen,
            "items": [
                {
                    "statement": statement,
                    "answer": answers.get(statement.pk),
                    "answered": is_answered(answers.get(statement.pk)),
                    "complete": is_complete(answers.get(statement.pk)),
                }
                for statement in screen.statements
            ],
        }
        for screen in screens
    ]


def _counts(screens, answers: dict[int, Answer]) -> dict:
    statements = [s for screen in screens for s in screen.statements]
    return {
        "answered": sum(1 for s in statements if is_answered(answers.get(s.pk))),
        "total": len(statements),
    }


def _done_page(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    """Their own answers, to read, until the round closes."""
    screens = screens_of(invitation.round, audience_of(invitation.sector))
    answers = answers_of(find_response(invitation))
    context = {**_base_context(invitation), "summary": _summary(screens, answers)}
    return render(request, "scan/respond_done.html", context)


def my_rounds(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    invitations = list(
        open_invitations(request.user)
        .select_related("round__network", "round__instrument")
        .order_by("round__closes_on", "pk")
    )
    remember_open_invitations(request, bool(invitations))
    progress = progress_of(invitations)
    totals: dict[tuple, int] = {}
    for inv in invitations:
        key = (inv.round_id, audience_of(inv.sector))
        if key not in totals:
            totals[key] = statement_count(inv.round, key[1])
    rows = [
        {
            "invitation": inv,
            "round": inv.round,
            "answered": progress.get(inv.pk, 0),
            "total": totals[(inv.round_id, audience_of(inv.sector))],
            "sent": inv.answered_at is not None,
        }
        for inv in invitations
    ]
    return render(request, "scan/mine.html", {"rows": rows})


def answer(request: HttpRequest, round_id: int) -> HttpResponse:
    """Where a respondent comes in: their sent answers, or the screen where they stopped."""
    invitation = _invitation(request, round_id)
    if isinstance(invitation, HttpResponse):
        return invitation
    if refusal := _not_open(request, invitation.round):
        return refusal
    if invitation.answered_at is not None:
        return _done_page(request, invitation)
    screens = screens_of(invitation.round, audience_of(invitation.sector))
    step = where_to_continue(screens, answers_of(find_response(invitation)))
    return redirect("scan:answer_step", round_id=round_id, step=step)


def _go(request: HttpRequest, round_id: int, last: int) -> HttpResponse:
    """On to the screen the person chose with a button (Previous, Next, or a step)."""
    try:
        step = int(request.POST.get("go", ""))
    except ValueError:
        return redirect("scan:answer", round_id=round_id)
    step = min(max(step, 1), last)
    return redirect("scan:answer_step", round_id=round_id, step=step)


def answer_step(request: HttpRequest, round_id: int, step: int) -> HttpResponse:
    """One level's statements, or after the last level the check before sending. Without
    scripts the buttons save the screen; with them, each change is saved as it is made."""
    invitation = _invitation(request, round_id)
    if isinstance(invitation, HttpResponse):
        return invitation
    if refusal := _not_open(request, invitation.round):
        return refusal
    if invitation.answered_at is not None:
        return redirect("scan:answer", round_id=round_id)
    screens = screens_of(invitation.round, audience_of(invitation.sector))
    check = len(screens) + 1
    if not 1 <= step <= check:
        return redirect("scan:answer", round_id=round_id)
    answers = answers_of(find_response(invitation))
    context = {
        **_base_context(invitation),
        "screens": screens,
        "step": step,
        "check_step": check,
        "remark_length": REMARK_LENGTH,
    }
    if step == check:
        return _check(request, invitation, screens, answers, context)
    screen = screens[step - 1]
    data = request.POST if request.method == "POST" else None
    forms = [
        AnswerForm(data, statement=s, initial=AnswerForm.initial_of(answers.get(s.pk)))
        for s in screen.statements
    ]
    status = 200
    if data is not None:
        if all(form.is_valid() for form in forms):
            try:
                save_answers(invitation, {f.statement.pk: f.values() for f in forms})
            except AnswerRefused:
                return redirect("scan:answer", round_id=round_id)
            return _go(request, round_id, check)
        status = 422
    first = sum(len(s.statements) for s in screens[: step - 1])
    context |= {
        "screen": screen,
        "items": [(first + n, form) for n, form in enumerate(forms, start=1)],
        **_counts(screens, answers),
    }
    return render(request, "scan/respond.html", context, status=status)


def _check(request, invitation: Invitation, screens, answers, context) -> HttpResponse:
    problem = None
    if request.method == "POST":
        if request.POST.get("go") != "send":
            return _go(request, invitation.round_id, context["check_step"])
        try:
            sent = submit(invitation)
        except AnswerRefused:
            sent = True  # sent already, or closed meanwhile: the round's page says which
        if sent:
            return redirect("scan:answer", round_id=invitation.round_id)
        problem = _("Answer at least one statement before you send the scan.")
    context |= {
        "summary": _summary(screens, answers),
        "problem": problem,
        **_counts(screens, answers),
    }
    return render(request, "scan/respond_check.html", context, status=422 if problem else 200)


def _saved(request, context: dict, status: int = 200) -> HttpResponse:
    return render(request, "scan/respond_saved.html", context, status=status)


@require_POST
def answer_save(request: HttpRequest, round_id: int) -> HttpResponse:
    """Save one statement's answer as it changes (htmx): says "saved", or why not."""
    invitation = _invitation(request, round_id)
    if isinstance(invitation, HttpResponse):
        return invitation
    audience = audience_of(invitation.sector)
    statement = None
    raw = request.POST.get("statement", "")
    if raw.isascii() and raw.isdigit() and len(raw) <= 10:
        screens = screens_of(invitation.round, audience)
        statement = next(
            (s for screen in screens for s in screen.statements if s.pk == int(raw)), None
        )
    if statement is None:
        message = _("This statement is not part of your scan. Load the page again.")
        return _saved(request, {"problem": message}, status=422)
    form = AnswerForm(request.POST, statement=statement)
    if not form.is_valid():
        problems = [error for errors in form.errors.values() for error in errors]
        return _saved(request, {"problem": " ".join(problems)}, status=422)
    try:
        save_answers(invitation, {statement.pk: form.values()})
    except AnswerRefused:
        if invitation.answered_at is not None:
            message = _("You have sent your answers already; they can no longer change.")
        else:
            message = _("The round has closed; your answer was not saved.")
        return _saved(request, {"problem": message}, status=409)
    answered = (
        Answer.objects.filter(response__key=response_key(invitation.pk))
        .filter(Q(now__isnull=False) | Q(dont_know=True))
        .count()
    )
    total = sum(len(screen.statements) for screen in screens)
    return _saved(request, {"answered": answered, "total": total})


@csrf_exempt
def answer_link(request: HttpRequest, token: str) -> HttpResponse:
    """The personal link. Its pages answer 200 whatever they say, because a refused request
    is logged with its address, and this address holds the secret. For the same reason it
    takes any method alike, without a CSRF check: a POST here does no more than a GET."""
    invitation = None
    if len(token) <= MAX_TOKEN_LENGTH:
        invitation = (
            Invitation.objects.select_related("round__network")
            .filter(token_hash=token_hash(token))
            .first()
        )
    if invitation is None:
        return _refused(request, "unknown")
    if refusal := _not_open(request, invitation.round):
        return refusal
    answer_url = reverse("scan:answer", args=[invitation.round_id])
    if invitation.user_id is not None:
        if request.user.is_authenticated and request.user.pk == invitation.user_id:
            return redirect(answer_url)
        if not request.user.is_authenticated:
            return redirect_to_login(answer_url)
        return _refused(request, "other_account", invitation.round)
    remember_link(request, invitation)
    return redirect(answer_url)
