"""A coordinator's rounds of the samenwerkingsscan: starting one, the network's own
statements, and inviting people.

Only a network's coordinators (and site admins) get here; everyone else gets a 404 on every
address. The pages count who was invited and who answered, and never say who answered.
"""

from collections import defaultdict
from datetime import timedelta
from smtplib import SMTPException

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from rondom.audit.log import record
from rondom.networks.access import get_network_for
from rondom.networks.models import Network

from ..access import get_round_for
from ..forms import InviteForm, OwnStatementForm, OwnStatementTextForm, RoundForm
from ..invitations import invite as make_invitations
from ..invitations import send_invitations
from ..models import (
    LEVELS_OF,
    MAX_OWN_STATEMENTS,
    Audience,
    Instrument,
    Level,
    Round,
    Sector,
    Statement,
)


def _log(request: HttpRequest, network: Network, action: str) -> None:
    """A line in the access log, with the network as its grounds and no address in it."""
    record(request.user, f"scan:{action}", reason=f"network {network.pk}")


def status_of(round: Round, today=None) -> str:
    today = today or timezone.localdate()
    if round.has_closed(today):
        return "closed"
    return "open" if round.is_open(today) else "coming"


STATUS_LABELS = {
    "open": gettext_lazy("open"),
    "closed": gettext_lazy("closed"),
    "coming": gettext_lazy("not open yet"),
}


def _with_counts(rounds):
    answered = Q(invitations__answered_at__isnull=False)
    return rounds.annotate(
        invited=Count("invitations"), answered=Count("invitations", filter=answered)
    )


@login_required
def round_list(request: HttpRequest, network_id: int) -> HttpResponse:
    network = get_network_for(request.user, network_id)
    rounds = list(_with_counts(Round.objects.filter(network=network).select_related("instrument")))
    today = timezone.localdate()
    for round in rounds:
        round.network = network
        round.status = status_of(round, today)
    return render(
        request,
        "scan/round_list.html",
        {"network": network, "rounds": rounds, "status_labels": STATUS_LABELS},
    )


def _previous_of(network: Network, team: str, opens_on) -> Round | None:
    """The latest round of the same network and team that opened before (or on) this day."""
    return (
        Round.objects.filter(network=network, team__iexact=team, opens_on__lte=opens_on)
        .order_by("-opens_on", "-pk")
        .first()
    )


@login_required
def round_new(request: HttpRequest, network_id: int) -> HttpResponse:
    network = get_network_for(request.user, network_id)
    instrument = Instrument.current()
    if request.method == "POST":
        form = RoundForm(request.POST, network=network)
        if form.is_valid():
            round = form.save(commit=False)
            round.network = network
            round.instrument = instrument
            round.created_by = request.user
            round.previous = _previous_of(network, round.team, round.opens_on)
            round.save()
            form.save_m2m()
            _log(request, network, "round_new")
            messages.success(request, _("The round is ready. Now invite the people who answer."))
            return redirect("scan:round", network_id=network.pk, round_id=round.pk)
        status = 422
    else:
        form, status = RoundForm(network=network), 200
    context = {"network": network, "form": form, "instrument": instrument}
    return render(request, "scan/round_new.html", context, status=status)


def _own_statements_page(request, network: Network, form=None, status=200) -> HttpResponse:
    used = Round.own_statements.through.objects.filter(statement=OuterRef("pk"))
    statements = list(
        network.scan_statements.annotate(used=Exists(used)).order_by("retired", "audience", "pk")
    )
    active = sum(1 for s in statements if not s.retired)
    context = {
        "network": network,
        "statements": statements,
        "form": form or OwnStatementForm(network=network),
        "may_add": active < MAX_OWN_STATEMENTS,
        "max": MAX_OWN_STATEMENTS,
    }
    return render(request, "scan/own_statements.html", context, status=status)


@login_required
def own_statements(request: HttpRequest, network_id: int) -> HttpResponse:
    network = get_network_for(request.user, network_id)
    if request.method == "POST":
        form = OwnStatementForm(request.POST, network=network)
        if not form.is_valid():
            return _own_statements_page(request, network, form, status=422)
        form.save()
        _log(request, network, "statement_add")
        messages.success(request, _("The statement is added. New rounds can ask it."))
        return redirect("scan:own_statements", network_id=network.pk)
    return _own_statements_page(request, network)


def _own_statement(request: HttpRequest, network_id: int, statement_id: int):
    network = get_network_for(request.user, network_id)
    statement = network.scan_statements.filter(pk=statement_id).first()
    if statement is None:
        raise Http404
    return network, statement


@login_required
def own_statement_edit(request: HttpRequest, network_id: int, statement_id: int) -> HttpResponse:
    """The text may change only while no round has asked it: a round's results keep meaning
    what the people who answered read."""
    network, statement = _own_statement(request, network_id, statement_id)
    if statement.retired or statement.rounds.exists():
        messages.error(request, _("A round has asked this statement, so its text stays as it was."))
        return redirect("scan:own_statements", network_id=network.pk)
    if request.method == "POST":
        form = OwnStatementTextForm(request.POST, instance=statement)
        if form.is_valid():
            form.save()
            _log(request, network, "statement_edit")
            messages.success(request, _("The statement is changed."))
            return redirect("scan:own_statements", network_id=network.pk)
        status = 422
    else:
        form, status = OwnStatementTextForm(instance=statement), 200
    context = {"network": network, "statement": statement, "form": form}
    return render(request, "scan/own_statement_edit.html", context, status=status)


@login_required
@require_POST
def own_statement_retire(request: HttpRequest, network_id: int, statement_id: int) -> HttpResponse:
    network, statement = _own_statement(request, network_id, statement_id)
    if not statement.retired:
        statement.retired = True
        statement.save(update_fields=["retired"])
        _log(request, network, "statement_retire")
        messages.success(
            request,
            _("New rounds no longer ask this statement. Rounds that asked it keep it."),
        )
    return redirect("scan:own_statements", network_id=network.pk)


def round_statements(round: Round) -> list[tuple[str, list[tuple[str, list[Statement]]]]]:
    """The round's statements per audience and level, as the respondents get them."""
    own = round.own_statements.through.objects.filter(round=round).values("statement")
    statements = Statement.objects.filter(Q(instrument_id=round.instrument_id) | Q(pk__in=own))
    grouped: dict[str, dict[str, list[Statement]]] = defaultdict(lambda: defaultdict(list))
    for statement in sorted(statements, key=lambda s: (s.is_own, s.position, s.pk)):
        grouped[statement.audience][statement.level].append(statement)
    return [
        (
            Audience(audience).label,
            [
                (Level(level).label, grouped[audience][level])
                for level in levels
                if grouped[audience][level]
            ],
        )
        for audience, levels in LEVELS_OF.items()
        if audience in grouped
    ]


def _round_page(request, round: Round, form=None, status=200) -> HttpResponse:
    counts = _with_counts(Round.objects.filter(pk=round.pk)).values("invited", "answered")[0]
    sectors = round.invitations.values("sector").annotate(invited=Count("pk")).order_by("sector")
    per_sector = [(Sector(row["sector"]).label, row["invited"]) for row in sectors]
    context = {
        "network": round.network,
        "round": round,
        "status": status_of(round),
        "status_labels": STATUS_LABELS,
        "invited": counts["invited"],
        "answered": counts["answered"],
        "invited_per_sector": per_sector,
        "statements": round_statements(round),
        "form": form or InviteForm(),
    }
    return render(request, "scan/round_detail.html", context, status=status)


@login_required
def round_detail(request: HttpRequest, network_id: int, round_id: int) -> HttpResponse:
    return _round_page(request, get_round_for(request.user, network_id, round_id))


@login_required
def invite(request: HttpRequest, network_id: int, round_id: int) -> HttpResponse:
    round = get_round_for(request.user, network_id, round_id)
    if request.method != "POST":
        return redirect("scan:round", network_id=round.network_id, round_id=round.pk)
    if round.has_closed():
        messages.error(request, _("This round has closed; nobody can be invited any more."))
        return redirect("scan:round", network_id=round.network_id, round_id=round.pk)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _round_page(request, round, form, status=422)
    invited = make_invitations(round, form.cleaned_data["invitees"], request.user)
    _log(request, round.network, "invite")
    if invited.made:
        try:
            send_invitations(invited.made, round, request.user)
        except (SMTPException, OSError):
            messages.warning(
                request,
                _(
                    "The invitations are made, but the emails could not be sent. The "
                    "reminders send everyone their link in a few days."
                ),
            )
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s person is invited by email.",
                    "%(count)s people are invited by email.",
                    len(invited.made),
                )
                % {"count": len(invited.made)},
            )
    twice = list(dict.fromkeys(invited.already + form.cleaned_data["repeated"]))
    if twice:
        messages.info(
            request,
            _("Invited once already, so not again: %(emails)s")
            % {"emails": ", ".join(sorted(twice))},
        )
    return redirect("scan:round", network_id=round.network_id, round_id=round.pk)


@login_required
def round_close(request: HttpRequest, network_id: int, round_id: int) -> HttpResponse:
    """Close an open round before its date, so that its results can show. The results wait
    for the closing: figures that change with each new answer would give that answer away.
    Only a confirmed POST closes; the round then closed yesterday."""
    round = get_round_for(request.user, network_id, round_id)
    back = redirect("scan:round", network_id=round.network_id, round_id=round.pk)
    today = timezone.localdate()
    if not round.is_open(today):
        messages.error(request, _("Only an open round can be closed."))
        return back
    if round.opens_on >= today:
        messages.error(request, _("A round that opened today can be closed from tomorrow."))
        return back
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        Round.objects.filter(pk=round.pk).update(closes_on=today - timedelta(days=1))
        _log(request, round.network, f"round_close round {round.pk}")
        messages.success(request, _("The round is closed. Nobody can answer any more."))
        return redirect("scan:results", network_id=round.network_id, round_id=round.pk)
    return render(request, "scan/round_close.html", {"round": round, "network": round.network})
