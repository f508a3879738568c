"""From a statement in a round's results to a network agreement: what, who, by when.

Only the network's coordinators (and site admins) get here, and only for a statement the
round asked; everyone else gets a 404. The agreement itself belongs to the network
(`rondom.networks`); this page adds where it came from.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from rondom.networks.agreements import log
from rondom.networks.forms import NetworkAgreementForm

from ..access import get_round_for
from ..followup import earlier_agreements
from ..models import Round, Statement, StatementAgreement


def statement_of(round: Round, statement_id: int) -> Statement:
    """A statement the round asks: of its instrument version, or one of its own; else 404."""
    asked = Q(instrument_id=round.instrument_id) | Q(pk__in=round.own_statements.values("pk"))
    statement = Statement.objects.filter(asked, pk=statement_id).first()
    if statement is None:
        raise Http404
    return statement


@login_required
def agreement_new(
    request: HttpRequest, network_id: int, round_id: int, statement_id: int
) -> HttpResponse:
    round = get_round_for(request.user, network_id, round_id)
    statement = statement_of(round, statement_id)
    network = round.network
    data = request.POST if request.method == "POST" else None
    form = NetworkAgreementForm(data, network=network, today=timezone.localdate())
    if data is not None and form.is_valid():
        with transaction.atomic():
            agreement = form.save(commit=False)
            agreement.network = network
            agreement.created_by = request.user
            agreement.save()
            StatementAgreement.objects.create(round=round, statement=statement, agreement=agreement)
            log(request.user, network.pk, "add", agreement)
        messages.success(
            request,
            _("The agreement is made. You find it under the agreements of %(network)s.")
            % {"network": network.name},
        )
        return redirect("scan:results", network_id=network.pk, round_id=round.pk)
    context = {
        "round": round,
        "statement": statement,
        "form": form,
        "earlier": earlier_agreements(round).get(statement.code, []),
        "made_here": _made_here(round, statement),
    }
    return render(request, "scan/agreement_new.html", context, status=200 if data is None else 422)


def _made_here(round: Round, statement: Statement) -> list:
    """Agreements already made on this statement in this round, so none is made twice."""
    sources = round.statement_agreements.filter(statement=statement).select_related(
        "agreement__owner_user", "agreement__owner_organisation"
    )
    return [source.agreement for source in sources]
