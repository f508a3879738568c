"""Parents (and case managers) see who looked at the family's data, when, and on what grounds."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from rondom.audit.models import AuditEvent
from rondom.cases.access import Need, family_access_or_403
from rondom.timeline.access import visible_cards
from rondom.timeline.kinds import RestrictionReason

PER_PAGE = 100

DESCRIPTIONS = (
    ("view timeline:", _("looked at the timeline or a card")),
    ("change timeline:", _("changed a card")),
    ("restrict timeline:", _("kept a card from the parents")),
    ("view cases:consent", _("looked at the consents")),
    ("change cases:consent", _("recorded or withdrew consent")),
    ("view career:career", _("looked at the school career")),
    ("change cases:", _("changed the case")),
    ("view cases:", _("looked at the case")),
    ("view audit:", _("looked at this access log")),
    ("view api:", _("read data through the API")),
    ("change api:", _("changed data through the API")),
)

# The grounds the code writes (see cases.access and the commands), in the family's words.
REASONS = {
    "parent": _("parent in the case"),
    "site admin": _("site administrator"),
    "anonymous case": _("participant in an anonymous case"),
    "case manager without consent": _("case manager, without consent to see the content"),
    "command line": _("on the server, from the command line"),
    "retention term ended": _("the retention term ended"),
    **dict(RestrictionReason.choices),
}
REASON_PREFIXES = (
    ("consent ", _("consent")),
    ("erasure request ", _("request to erase the data")),
)
CORRECTION = "; correction by case manager"


def describe(action: str) -> str:
    for prefix, text in DESCRIPTIONS:
        if action.startswith(prefix):
            return str(text)
    return action


def describe_reason(reason: str) -> str:
    """The grounds of a line in the family's words; an unknown one as it was written."""
    base, correction = reason.removesuffix(CORRECTION), reason.endswith(CORRECTION)
    text = REASONS.get(base)
    if text is None:
        text = next((t for prefix, t in REASON_PREFIXES if base.startswith(prefix)), base)
    if correction:
        return _("%(grounds)s; correction by the case manager") % {"grounds": text}
    return str(text)


def page_number(raw: str | None, last: int) -> int:
    """The page asked for, or the nearest one that exists; page 1 for anything not a number."""
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return min(max(number, 1), last)


@login_required
def access_log(request, case_id: int):
    access = family_access_or_403(request, case_id, Need.CASE)
    case = access.case
    names = {p.user_id: p.name for p in case.participants.all() if p.user_id}
    # By id: lines the sealer has not reached yet are shown too.
    events = AuditEvent.objects.filter(case_id=case.pk).order_by("-id")
    if not access.is_case_manager:
        # Lines about a card kept from this parent would tell them that it exists.
        cards = visible_cards(access, deleted=None).values("pk")
        events = events.filter(Q(card_id__isnull=True) | Q(card_id__in=cards))
    paginator = Paginator(events, PER_PAGE)
    page = paginator.page(page_number(request.GET.get("page"), paginator.num_pages))
    page.object_list = list(page.object_list)
    for event in page.object_list:
        event.who = names.get(event.actor_id) or event.actor_label or _("the system")
        event.what = describe(event.action)
        event.grounds = describe_reason(event.reason)
    return render(request, "privacy/access_log.html", {"case": case, "page": page})
