from django.conf import settings
from django.utils import timezone
from django.utils.translation import ngettext

from rondom.cases.retention import purge_due
from rondom.core.commands import Command as RondomCommand
from rondom.core.periodic import purge_jobs


class Command(RondomCommand):
    help = (
        "Erase closed cases whose retention term has ended, and whatever else has passed its "
        "term. Schedule it daily."
    )

    def handle(self, *args, **options):
        erased = purge_due()
        self.stdout.write(ngettext(
            "Erased %(count)s case closed more than %(months)s months ago.",
            "Erased %(count)s cases closed more than %(months)s months ago.",
            len(erased),
        ) % {"count": len(erased), "months": settings.RETENTION_MONTHS})  # fmt: skip
        today = timezone.localdate()
        for job in purge_jobs().values():
            self.stdout.write(job(today))
