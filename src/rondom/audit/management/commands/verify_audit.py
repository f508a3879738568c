"""rondom verify_audit [--expect HEAD]: seal the new lines, check the access log and print its
head to keep."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rondom.audit.log import Head
from rondom.audit.management.reporting import refused_message, report_breaks
from rondom.audit.sealing import SealRefused, seal_pending
from rondom.audit.verify import check_log
from rondom.core.commands import Command as RondomCommand


class Command(RondomCommand):
    help = (
        "Seal the new lines of the access log, check that it is complete and unchanged (keyed "
        "hash chain), and print its head to keep elsewhere."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect",
            metavar="HEAD",
            help="A head printed earlier (NUMBER:HASH); fail when the log no longer holds it.",
        )

    def handle(self, *args, **options):
        self._verify(options["expect"])

    def _verify(self, expected: str | None) -> None:
        expect = None
        if expected:
            try:
                expect = Head.parse(expected)
            except ValueError:
                raise CommandError(
                    _("--expect: give a head the way verify_audit prints it: NUMBER:HASH.")
                ) from None
        try:
            sealed = seal_pending()
        except SealRefused as refused:
            self.stderr.write(refused_message(refused))
        else:
            if sealed.count:
                self.stdout.write(ngettext(
                    "Sealed %(count)s new event first.",
                    "Sealed %(count)s new events first.",
                    sealed.count,
                ) % {"count": sealed.count})  # fmt: skip
        result = check_log(expect)
        if result.broken:
            raise CommandError(report_breaks(self, result))
        self.stdout.write(ngettext(
            "The access log is intact: %(count)s event checked.",
            "The access log is intact: %(count)s events checked.",
            result.count,
        ) % {"count": result.count})  # fmt: skip
        if expect is not None:
            self.stdout.write(
                _("It still holds the head you kept (event %(seq)s).") % {"seq": expect.seq}
            )
        # Not translated: scripts read this line, and --expect takes it as it is.
        self.stdout.write(f"head: {result.head}")
