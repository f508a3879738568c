"""Beside a statement in the results: make a network agreement of it."""

from django import template

register = template.Library()


@register.inclusion_tag("scan/_statement_followup.html")
def statement_followup(round, statement) -> dict:
    return {"round": round, "statement": statement}
