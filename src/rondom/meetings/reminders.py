"""Reminding owners of agreements that are due soon or overdue, at most once a day each."""

from datetime import date, timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import Agreement, ReminderSent


def due_agreements(today: date, days: int):
    return Agreement.objects.filter(
        status=Agreement.Status.OPEN,
        due_on__lte=today + timedelta(days=days),
        owner__user__isnull=False,
        owner__user__is_active=True,
    ).select_related("owner__user")


def send_reminders(days: int, today: date | None = None) -> int:
    """Email each owner once a day; the reminder names what and when, not the family."""
    today = today or timezone.localdate()
    sent = 0
    for agreement in due_agreements(today, days):
        try:
            with transaction.atomic():
                ReminderSent.objects.create(agreement=agreement, sent_on=today)
        except IntegrityError:
            continue  # already reminded today
        user = agreement.owner.user
        with override("nl"):
            overdue = agreement.due_on < today
            subject = _("Overdue agreement in Rondom") if overdue else _("Agreement due soon")
            body = _("“%(what)s” is due on %(due)s. Open Rondom to see it or mark it done.") % {
                "what": agreement.what,
                "due": agreement.due_on.strftime("%d-%m-%Y"),
            }
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent
