"""Lines of the access log for tests: written as requests write them, sealed as cron seals."""

from rondom.audit.log import record
from rondom.audit.models import AuditEvent
from rondom.audit.sealing import seal_pending


def sealed_lines(count: int) -> list[AuditEvent]:
    written = [record(None, "view cases:detail", case_id=n) for n in range(1, count + 1)]
    seal_pending()
    return list(AuditEvent.objects.filter(pk__in=[e.pk for e in written]).order_by("seq"))
