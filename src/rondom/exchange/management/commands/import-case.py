"""rondom import-case case.json: a new case from a case file, completely or not at all."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from rondom.audit.log import record
from rondom.audit.models import AuditEvent
from rondom.exchange.importer import import_case
from rondom.exchange.validation import CaseFileRefused


class Command(BaseCommand):
    help = "Create a new case from a case file; nothing is imported when anything is wrong."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        translation.activate("nl")
        try:
            with open(options["path"], "rb") as handle:
                raw = handle.read()
        except OSError as error:
            raise CommandError(_("Cannot read %(path)s: %(error)s") % {
                "path": options["path"], "error": error.strerror}) from None  # fmt: skip
        try:
            result = import_case(raw)
        except CaseFileRefused as refused:
            lines = [_("Nothing was imported. Problems in the file:")]
            lines += [f"  - {problem}" for problem in refused.problems]
            raise CommandError("\n".join(lines)) from None
        record(None, "import case file", case_id=result.case.pk,
               channel=AuditEvent.Channel.COMMAND, reason="command line")  # fmt: skip
        counts = ", ".join(f"{count} {name}" for name, count in result.counts.items())
        self.stdout.write(
            _("Imported as case %(id)s: %(counts)s.") % {"id": result.case.pk, "counts": counts}
        )
        if result.unknown_accounts:
            self.stdout.write(
                _("No account here for %(emails)s: those links stay empty; invite them again.")
                % {"emails": ", ".join(sorted(result.unknown_accounts))}
            )
