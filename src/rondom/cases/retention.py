"""Closing, purging and erasing cases. Deletion is real; only the content-free log remains."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rondom.audit.log import record
from rondom.audit.models import AuditEvent

from .models import Case

DAYS_PER_MONTH = 30.44


def purge_deadline(case: Case) -> datetime | None:
    if case.closed_at is None:
        return None
    return case.closed_at + timedelta(days=round(settings.RETENTION_MONTHS * DAYS_PER_MONTH))


def close_case(case: Case, user, filed_in: str) -> None:
    case.closed_at = timezone.now()
    case.closed_by = user
    case.filed_in = filed_in
    case.save(update_fields=["closed_at", "closed_by", "filed_in", "updated_at"])


def reopen_case(case: Case) -> None:
    case.closed_at = None
    case.closed_by = None
    case.save(update_fields=["closed_at", "closed_by", "updated_at"])


@transaction.atomic
def erase_case(case: Case, user, why: str, channel: str = AuditEvent.Channel.PAGE) -> None:
    """Delete the case with everything in it: children, people, cards, history, consents."""
    record(user, "erase case", case_id=case.pk, channel=channel, reason=why)
    case.delete()


def purge_due(now: datetime | None = None) -> list[int]:
    """Erase every case whose retention term after closing has run out."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=round(settings.RETENTION_MONTHS * DAYS_PER_MONTH))
    erased = []
    for case in Case.objects.filter(closed_at__isnull=False, closed_at__lte=cutoff):
        erased.append(case.pk)
        erase_case(case, None, "retention term ended", channel=AuditEvent.Channel.COMMAND)
    return erased
