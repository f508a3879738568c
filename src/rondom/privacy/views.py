"""Parents (and case managers) see who looked at the family's data, when, and on what grounds.

The page folds the log for reading: one line per person, per day, per thing they looked at or
changed, with how often and between which times; the cards someone looked at or changed on a
day are one line too, with how many cards. The live stream's lines are left out: they
say that a page someone had open was following the changes, not that they looked at
something new. The log itself is not changed by any of this.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, CharField, Count, F, Max, Min, Q, Value, When
from django.db.models.functions import TruncDate
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from rondom.audit.models import AuditEvent
from rondom.cases.access import Need, family_access_or_403
from rondom.timeline.access import visible_cards

from .descriptions import ALIKE, describe, describe_reason

PER_PAGE = 100
LIVE_STREAM = "view live:events"
# What makes two lines of the log one line on the page.
FOLDED_BY = ("actor_id", "actor_label", "day", "said", "child_id", "reason")
# Lines that read the same are one line: several pages of the case say "bekeek de casus", and
# every read through the API is "las gegevens via de API".
SAID = Case(
    *(When(action__in=actions, then=Value(actions[0])) for actions in ALIKE),
    When(action__startswith="view api:", then=Value("view api:")),
    When(action__startswith="change api:", then=Value("change api:")),
    default=F("action"),
    output_field=CharField(),
)


def page_number(raw: str | None, last: int) -> int:
    """The page asked for, or the nearest one that exists; page 1 for anything not a number."""
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return min(max(number, 1), last)


def folded_lines(events):
    """One row per person, day and thing done, newest first, with the count and the times."""
    return (
        events.exclude(action=LIVE_STREAM)
        .annotate(day=TruncDate("at"), said=SAID)
        .values(*FOLDED_BY)
        .annotate(
            times=Count("id"),
            cards=Count("card_id", distinct=True),
            first=Min("at"),
            last=Max("at"),
            newest=Max("id"),
        )
        .order_by("-newest")
    )


@login_required
def access_log(request, case_id: int):
    access = family_access_or_403(request, case_id, Need.CASE)
    case = access.case
    names = {p.user_id: p.name for p in case.participants.all() if p.user_id}
    children = {c.pk: c.name for c in case.children.all()}
    events = AuditEvent.objects.filter(case_id=case.pk)
    if not access.is_case_manager:
        # Lines about a card kept from this parent would tell them that it exists.
        cards = visible_cards(access, deleted=None).values("pk")
        events = events.filter(Q(card_id__isnull=True) | Q(card_id__in=cards))
    # Lines the sealer has not reached yet are shown too: the order is that of writing (id).
    # Folding reads every line of the case, so it is done once, in one query, and the pages
    # are cut from its result rather than counted and fetched in two more passes.
    paginator = Paginator(list(folded_lines(events)), PER_PAGE)
    page = paginator.page(page_number(request.GET.get("page"), paginator.num_pages))
    page.object_list = [
        {
            **line,
            "who": names.get(line["actor_id"]) or line["actor_label"] or _("the system"),
            "what": describe(line["said"], children.get(line["child_id"]), line["cards"]),
            "grounds": describe_reason(line["reason"]),
        }
        for line in page.object_list
    ]
    return render(request, "privacy/access_log.html", {"case": case, "page": page})
