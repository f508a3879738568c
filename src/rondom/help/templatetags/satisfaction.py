"""The satisfaction panel, for the pages of other components that show it: the case page,
a meeting's step 5 and closing the case."""

from urllib.parse import urlencode

from django import template
from django.db.models import Model
from django.urls import reverse

from rondom.cases.access import CaseAccess, Scope, access_for
from rondom.cases.models import Case

from ..satisfaction import panel_rows

register = template.Library()


@register.inclusion_tag("help/_satisfaction_panel.html", takes_context=True)
def satisfaction_panel(
    context, case: Case, meeting: Model | None = None, at_close: bool = False, level: int = 2
) -> dict:
    """Everyone's latest answer, with a button wherever this reader may give one. Nothing at
    all for someone who does not see the case's content."""
    access = context.get("access")
    if not isinstance(access, CaseAccess) or access.case.pk != case.pk:
        access = access_for(context["request"].user, case)
    if access is None or not access.sees_content:
        return {"show": False}
    frozen = meeting is not None and meeting.is_closed
    rows = panel_rows(access, meeting)
    answer_url = reverse("help:satisfaction_answer", args=[case.pk])
    own_url = None
    for row in rows:
        row.ask_url = None
        if not row.may_answer or frozen:
            continue
        query = {"for": row.person.pk}
        if meeting is not None:
            query["meeting"] = meeting.pk
        if at_close:
            query["close"] = 1
        # On the case page a person's own answer has the big button above the list.
        if row.is_me and meeting is None and not at_close:
            own_url = answer_url
        else:
            row.ask_url = f"{answer_url}?{urlencode(query)}"
    return {
        "show": True,
        "case": case,
        "meeting": meeting,
        "frozen": frozen,
        "at_close": at_close,
        "rows": rows,
        "own_url": own_url,
        "level": level,
        "section_class": "mt-part" if meeting is not None else "",
        "show_meetings": access.may(Scope.MEETINGS),
    }
