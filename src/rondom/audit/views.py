"""Parents (and case managers) see who looked at the family's data, and when."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from rondom.cases.access import Need, get_family_case

from .models import AuditEvent

SHOWN = 300

DESCRIPTIONS = (
    ("view timeline:", _("looked at the timeline or a card")),
    ("change timeline:", _("changed a card")),
    ("restrict timeline:", _("kept a card from the parents")),
    ("view cases:consent", _("looked at the consents")),
    ("change cases:consent", _("recorded or withdrew consent")),
    ("view cases:career", _("looked at the school career")),
    ("change cases:", _("changed the case")),
    ("view cases:", _("looked at the case")),
    ("view audit:", _("looked at this access log")),
    ("view api:", _("read data through the API")),
    ("change api:", _("changed data through the API")),
)


def describe(action: str) -> str:
    for prefix, text in DESCRIPTIONS:
        if action.startswith(prefix):
            return str(text)
    return action


@login_required
def case_log(request, case_id: int):
    access = get_family_case(request, case_id, Need.ADMIN)
    case = access.case
    names = {p.user_id: p.name for p in case.participants.all() if p.user_id}
    events = list(AuditEvent.objects.filter(case_id=case.pk).order_by("-seq")[:SHOWN])
    for event in events:
        event.who = names.get(event.actor_id) or event.actor_label or _("the system")
        event.what = describe(event.action)
    return render(request, "audit/case_log.html", {"case": case, "events": events, "shown": SHOWN})
