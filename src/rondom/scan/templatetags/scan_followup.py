"""Beside a statement in the results: what became of the agreements made on it after the
previous round, and making a network agreement of it."""

from django import template

from ..followup import earlier_agreements
from ..models import Round, Statement

register = template.Library()


@register.inclusion_tag("scan/_statement_followup.html")
def statement_followup(round: Round, statement: Statement, followups: dict | None = None) -> dict:
    """`followups` is `earlier_agreements(round)`, computed once by the page. Without it the
    tag computes it itself, once per round object, so a page never pays a query per statement."""
    if followups is None:
        if not hasattr(round, "_scan_followups"):
            round._scan_followups = earlier_agreements(round)
        followups = round._scan_followups
    return {"round": round, "statement": statement, "earlier": followups.get(statement.code, [])}
