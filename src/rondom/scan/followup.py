"""What became of the agreements a network made from its scan: shown beside the next round's
results, and named as an agreement's origin in the network's lists."""

from collections import defaultdict

from django.utils.text import Truncator
from django.utils.translation import gettext

from rondom.networks.models import NetworkAgreement

from .models import Round, StatementAgreement

# The relations `describe_origin` reads, selected along with a list of agreements.
ORIGIN_RELATED = ("scan_source__round__network", "scan_source__statement")


def earlier_agreements(round: Round) -> dict[str, list[NetworkAgreement]]:
    """The agreements made from the round's previous round, per statement code, by due date.

    One query for the whole results page, however many statements it shows. Statements are
    matched on their code, which stays the same across versions of the instrument.
    """
    if round.previous_id is None:
        return {}
    sources = (
        StatementAgreement.objects.filter(
            round_id=round.previous_id, round__network_id=round.network_id
        )
        .select_related("statement", "agreement__owner_user", "agreement__owner_organisation")
        .order_by("agreement__due_on", "agreement_id")
    )
    found: dict[str, list[NetworkAgreement]] = defaultdict(list)
    for source in sources:
        found[source.statement.code].append(source.agreement)
    return dict(found)


def describe_origin(agreement: NetworkAgreement) -> str | None:
    """ "Samenwerkingsscan <round>, stelling “…”" for an agreement made from a statement."""
    source = getattr(agreement, "scan_source", None)
    if source is None:
        return None
    return gettext("Collaboration scan %(round)s, statement “%(statement)s”") % {
        "round": source.round.label,
        "statement": Truncator(source.statement.shown_text).chars(100),
    }
