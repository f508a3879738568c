"""Reminding people who have not sent their answers to an open round.

Someone gets a reminder at most once every 7 days, never in the first 3 days after the
invitation, and one last time when the round closes within `days` days. Each reminder holds
the same personal link as the invitation.

The work goes in batches. A batch is claimed for today with one UPDATE of `reminded_on`
whose condition only a run that finds the invitation not yet reminded today can meet, and
that tells which rows it changed (RETURNING). So two runs at the same time never send the
same reminder twice, and a run later that day finds nothing left to claim.
"""

from datetime import date, datetime, time, timedelta

from django.core.mail import mailers
from django.db import connection
from django.db.models import DateField, F, Q
from django.db.models.functions import Cast
from django.utils import timezone

from .invitations import reminder_message
from .models import Invitation

BATCH = 1000
# Days between two reminders to one person.
EVERY_DAYS = 7
# No reminder this soon after the invitation.
QUIET_DAYS = 3


def due_invitations(today: date, days: int):
    """Invitations to remind today: not answered, in a round that is open, invited at least
    `QUIET_DAYS` ago, and not reminded in the last week, unless this is the last reminder
    before the round closes."""
    # Invited on a day at least QUIET_DAYS before today, in the site's time zone.
    quiet_from = timezone.make_aware(
        datetime.combine(today - timedelta(days=QUIET_DAYS - 1), time.min)
    )
    window_opens = Cast(F("round__closes_on") - timedelta(days=days), DateField())
    weekly = Q(reminded_on__isnull=True) | Q(reminded_on__lte=today - timedelta(days=EVERY_DAYS))
    # The last reminder: the round closes within `days` days, and this person had no reminder
    # since that window began.
    closing = Q(round__closes_on__lte=today + timedelta(days=days)) & (
        Q(reminded_on__isnull=True) | Q(reminded_on__lt=window_opens)
    )
    return Invitation.objects.filter(
        weekly | closing,
        answered_at__isnull=True,
        round__opens_on__lte=today,
        round__closes_on__gte=today,
        invited_at__lt=quiet_from,
    )


def _claim(ids: list[int], today: date) -> set[int]:
    """Mark these invitations as reminded today; the ones no other run had claimed yet."""
    if not ids:
        return set()
    table = connection.ops.quote_name(Invitation._meta.db_table)
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET reminded_on = %s WHERE id IN ({marks}) "
            "AND (reminded_on IS NULL OR reminded_on < %s) RETURNING id",
            [today, *ids, today],
        )
        return {row[0] for row in cursor.fetchall()}


def send_reminders(days: int, today: date | None = None) -> int:
    """Email everyone who is due a reminder today; returns how many were sent."""
    today = today or timezone.localdate()
    sent, after = 0, 0
    mail = mailers["default"]
    while True:
        batch = list(
            due_invitations(today, days)
            .filter(pk__gt=after)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if not batch:
            return sent
        after = batch[-1]
        claimed = _claim(batch, today)
        invitations = Invitation.objects.filter(pk__in=claimed).select_related("round__network")
        messages = [reminder_message(inv, inv.round) for inv in invitations.order_by("pk")]
        mail.send_messages(messages)
        sent += len(messages)
