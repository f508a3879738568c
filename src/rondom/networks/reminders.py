"""Reminding who follows up a network agreement that is due soon or overdue, once a day.

A person's agreement reminds that person. An organisation's agreement reminds the coordinator
who made it, or, when that account is gone or no longer coordinates the network, the
network's coordinators. Each person gets one email listing all of their items.

As for the agreements of a case, a batch is claimed for today with one INSERT (ON CONFLICT
DO NOTHING ... RETURNING), so two runs at the same time never send the same reminder, and a
later run on the same day passes over what is claimed already.
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

from rondom.core.mail import site_context, site_link
from rondom.core.periodic import claim_for_today

from .models import NetworkAgreement, NetworkReminderSent, NetworkRole

BATCH = 1000


def due_agreements(today: date, days: int):
    """Open agreements due within `days` or overdue, not yet reminded today. A person's own
    agreement only while their account is active: nobody else reads their mail."""
    reminded = NetworkReminderSent.objects.filter(agreement=OuterRef("pk"), sent_on=today)
    return NetworkAgreement.objects.filter(
        Q(owner_user__is_active=True) | Q(owner_organisation__isnull=False),
        status=NetworkAgreement.Status.OPEN,
        due_on__lte=today + timedelta(days=days),
    ).exclude(Exists(reminded))


def _claim(ids: list[int], today: date) -> set[int]:
    return claim_for_today(NetworkReminderSent, ids, today)


def _coordinators(network_ids: set[int]) -> dict[int, dict[int, str]]:
    """Per network, its active coordinators: account id → email address."""
    found: dict[int, dict[int, str]] = defaultdict(dict)
    roles = NetworkRole.objects.filter(
        network_id__in=network_ids, role=NetworkRole.Role.COORDINATOR, user__is_active=True
    ).values_list("network_id", "user_id", "user__email")
    for network_id, user_id, email in roles:
        found[network_id][user_id] = email
    return found


def _recipients(agreement: NetworkAgreement, coordinators: dict[int, dict[int, str]]) -> list[str]:
    if agreement.owner_user_id:
        return [agreement.owner_user.email]
    of_network = coordinators.get(agreement.network_id, {})
    if agreement.created_by_id in of_network:
        return [of_network[agreement.created_by_id]]
    return list(of_network.values())


def _line(agreement: NetworkAgreement) -> str:
    values = {
        "what": agreement.what,
        "network": agreement.network.name,
        "due": agreement.due_on.strftime("%d-%m-%Y"),
    }
    if agreement.owner_organisation_id:
        values["organisation"] = agreement.owner_organisation.name
        return _("“%(what)s” (%(organisation)s, network %(network)s) is due on %(due)s.") % values
    return _("“%(what)s” (network %(network)s) is due on %(due)s.") % values


def _message(email: str, agreements: list[NetworkAgreement], today: date) -> EmailMessage:
    """One email per person: what is due, in which network, and when."""
    with override("nl"):
        overdue = any(a.due_on < today for a in agreements)
        site = {"site": settings.SITE_NAME}
        subject = (
            _("Overdue network agreement in %(site)s")
            if overdue
            else _("Network agreement due soon in %(site)s")
        ) % site
        lines = [_line(a) for a in sorted(agreements, key=lambda a: (a.due_on, a.pk))]
        closing = ngettext(
            "Open My agreements to mark it done or dropped, with a sentence on what it brought.",
            "Open My agreements to mark them done or dropped, with a sentence on what they "
            "brought.",
            len(agreements),
        )
        link = site_link(reverse("caseload:my_agreements"))
        context = {"lines": lines, "closing": closing, "link": link, **site_context()}
        body = render_to_string("networks/email/agreement_reminder.txt", context).strip()
    return EmailMessage(subject, body + "\n", None, [email])


def send_reminders(days: int, today: date | None = None) -> int:
    """Email about every due network agreement once today; returns how many were reminded.

    Network agreements are few, so a run gathers everyone's items over its batches and then
    sends one email per person.
    """
    today = today or timezone.localdate()
    per_person: dict[str, list[NetworkAgreement]] = defaultdict(list)
    reminded = 0
    last = 0
    while True:
        batch = list(
            due_agreements(today, days)
            .filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if not batch:
            break
        last = batch[-1]
        claimed = _claim(batch, today)
        agreements = list(
            NetworkAgreement.objects.filter(pk__in=claimed).select_related(
                "network", "owner_user", "owner_organisation"
            )
        )
        coordinators = _coordinators({a.network_id for a in agreements if a.owner_organisation_id})
        for agreement in agreements:
            recipients = _recipients(agreement, coordinators)
            for email in recipients:
                per_person[email].append(agreement)
            reminded += bool(recipients)
    messages = [_message(email, items, today) for email, items in per_person.items()]
    if messages:
        mailers["default"].send_messages(messages)
    return reminded
