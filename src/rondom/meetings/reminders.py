"""Reminding owners of agreements that are due soon or overdue, at most once a day each.

The work goes in batches: a batch of agreements is claimed for today with one INSERT, and each
owner gets one email for all of their agreements in it, sent over one mail connection. The
INSERT tells which agreements this run claimed (ON CONFLICT DO NOTHING ... RETURNING), so two
runs at the same time never send the same reminder twice, and a run later on the same day
skips the claimed ones in its query instead of trying each of them.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from rondom.cases.access import Scope, participants_who_see
from rondom.core.mail import site_context, site_link
from rondom.core.periodic import claim_for_today

from .models import Agreement, ReminderSent

BATCH = 1000


def due_agreements(today: date, days: int):
    """Open agreements due soon, of owners who may still see the case's agreements (an email
    is no way round a withdrawn consent)."""
    reminded = ReminderSent.objects.filter(agreement=OuterRef("pk"), sent_on=today)
    return Agreement.objects.filter(
        status=Agreement.Status.OPEN,
        due_on__lte=today + timedelta(days=days),
        owner__in=participants_who_see(Scope.AGREEMENTS),
    ).exclude(Exists(reminded))


def _claim(ids: list[int], today: date) -> set[int]:
    return claim_for_today(ReminderSent, ids, today)


def _message(email: str, agreements: list, today: date) -> EmailMessage:
    """One email per person: what is due and when, never the family or the case."""
    with override("nl"):
        overdue = any(a.due_on < today for a in agreements)
        site = {"site": settings.SITE_NAME}
        subject = (
            _("Overdue agreement in %(site)s") if overdue else _("Agreement due soon in %(site)s")
        ) % site
        lines = [
            _("“%(what)s” is due on %(due)s.")
            % {"what": a.what, "due": a.due_on.strftime("%d-%m-%Y")}
            for a in sorted(agreements, key=lambda a: (a.due_on, a.pk))
        ]
        closing = ngettext(
            "Open Rondom to see it or mark it done.",
            "Open Rondom to see them or mark them done.",
            len(agreements),
        )
        link = site_link(reverse("caseload:my_agreements"))
        context = {"lines": lines, "closing": closing, "link": link, **site_context()}
        body = render_to_string("meetings/email/reminder.txt", context).strip()
    return EmailMessage(subject, body + "\n", None, [email])


def send_reminders(days: int, today: date | None = None) -> int:
    """Email each owner once a day about their due agreements; returns how many agreements.

    Batches go owner by owner, so someone's agreements end up in one email (or in a few,
    for someone with more than a batch of them).
    """
    today = today or timezone.localdate()
    reminded = 0
    after = Q()
    mail = mailers["default"]
    while True:
        batch = list(
            due_agreements(today, days)
            .filter(after)
            .order_by("owner_id", "pk")
            .values_list("owner_id", "pk")[:BATCH]
        )
        if not batch:
            return reminded
        last_owner, last_pk = batch[-1]
        after = Q(owner_id__gt=last_owner) | Q(owner_id=last_owner, pk__gt=last_pk)
        claimed = _claim([pk for _owner, pk in batch], today)
        per_owner: dict[str, list] = defaultdict(list)
        for agreement in Agreement.objects.filter(pk__in=claimed).select_related("owner__user"):
            per_owner[agreement.owner.user.email].append(agreement)
        mail.send_messages([_message(email, items, today) for email, items in per_owner.items()])
        reminded += len(claimed)
