"""rondom seal_audit: give the new lines of the access log their place in the keyed chain."""

from django.core.management.base import CommandError
from django.utils.translation import ngettext

from rondom.audit.management.reporting import refused_message
from rondom.audit.sealing import SealRefused, seal_pending
from rondom.core.commands import Command as RondomCommand


class Command(RondomCommand):
    help = (
        "Seal the lines written to the access log since the last run: number them and chain "
        "them with the keyed hash. Run it every minute, for example from cron with -v 0."
    )

    def handle(self, *args, **options):
        try:
            sealed = seal_pending()
        except SealRefused as refused:
            raise CommandError(refused_message(refused)) from None
        if options["verbosity"] >= 1:
            self.stdout.write(ngettext(
                "Sealed %(count)s new event; the log ends at event %(seq)s.",
                "Sealed %(count)s new events; the log ends at event %(seq)s.",
                sealed.count,
            ) % {"count": sealed.count, "seq": sealed.head.seq})  # fmt: skip
