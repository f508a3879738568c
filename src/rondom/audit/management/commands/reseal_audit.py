"""rondom reseal_audit: hash the whole access log again under a new key."""

import os

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from rondom.audit.chain import audit_key
from rondom.audit.log import Head, record
from rondom.audit.management.reporting import report_breaks
from rondom.audit.models import AuditEvent
from rondom.audit.reseal import ResealRefused, reseal
from rondom.audit.sealing import seal_pending
from rondom.core.commands import Command as RondomCommand

OLD_KEY = "RONDOM_AUDIT_OLD_KEY"


class Command(RondomCommand):
    help = (
        "After a change of RONDOM_AUDIT_KEY: check the access log with the old key (from "
        "RONDOM_AUDIT_OLD_KEY), then seal it again with the new one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect",
            metavar="HEAD",
            help="The head you kept (NUMBER:HASH); refuse when the log no longer holds it.",
        )

    def handle(self, *args, **options):
        self._reseal(options["expect"])

    def _reseal(self, expected: str | None) -> None:
        # From the environment, so the key never shows in a process list or shell history.
        old_key = os.environ.get(OLD_KEY)
        if not old_key:
            raise CommandError(
                _("Set %(name)s to the key the access log is sealed with now.") % {"name": OLD_KEY}
            )
        try:
            expect = Head.parse(expected) if expected else None
        except ValueError:
            raise CommandError(
                _("--expect: give a head the way verify_audit prints it: NUMBER:HASH.")
            ) from None
        try:
            done = reseal(AuditEvent, old_key.encode(), audit_key(), expect=expect)
        except ResealRefused as refused:
            report_breaks(self, refused.found)
            raise CommandError(
                _("Nothing was re-sealed: the access log does not verify with the old key.")
            ) from None
        record(None, "reseal access log", channel=AuditEvent.Channel.COMMAND, reason="new key")
        # Sealed with the new key, after the new head; so is every line written meanwhile.
        head = seal_pending().head
        self.stdout.write(
            _("Re-sealed %(count)s events; the old head was %(head)s.")
            % {"count": done.count, "head": done.before}
        )
        self.stdout.write(_("Keep the new head instead of the old one:"))
        self.stdout.write(f"head: {head}")
