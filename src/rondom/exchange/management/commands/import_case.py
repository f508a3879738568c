"""rondom import_case case.json: a new case from a case file, completely or not at all."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from rondom.audit.log import record
from rondom.audit.models import AuditEvent
from rondom.cases.models import Role
from rondom.core.commands import Command as RondomCommand
from rondom.core.limits import MAX_CASE_FILE_BYTES
from rondom.exchange.importer import AccountMatch, import_case
from rondom.exchange.validation import CaseFileRefused, too_large


class Command(RondomCommand):
    help = "Create a new case from a case file; nothing is imported when anything is wrong."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--link-accounts",
            action="store_true",
            help="Link participants to the existing accounts with their email addresses, "
            "which gives those accounts access to the case. Without it they stay unlinked.",
        )

    def handle(self, *args, **options):
        try:
            with open(options["path"], "rb") as handle:
                raw = handle.read(MAX_CASE_FILE_BYTES + 1)
        except OSError as error:
            raise CommandError(_("Cannot read %(path)s: %(error)s") % {
                "path": options["path"], "error": error.strerror}) from None  # fmt: skip
        try:
            if len(raw) > MAX_CASE_FILE_BYTES:
                raise too_large()
            result = import_case(raw, link_accounts=options["link_accounts"])
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
        self._report_accounts(result.matches)
        if result.unknown_accounts:
            self.stdout.write(
                _("No account here for %(emails)s: those links stay empty; invite them again.")
                % {"emails": ", ".join(sorted(result.unknown_accounts))}
            )

    def _report_accounts(self, matches: list[AccountMatch]) -> None:
        groups = (
            ([m for m in matches if m.linked],
             _("Linked to their existing accounts, which can now open the case:")),
            ([m for m in matches if not m.linked and not m.site_admin],
             _("These participants have an account here but were not linked; invite them from "
               "the case, or import with --link-accounts to link them:")),
            ([m for m in matches if m.site_admin],
             _("Not linked, because these are site admin accounts:")),
        )  # fmt: skip
        for chosen, heading in groups:
            if chosen:
                self.stdout.write(heading)
                for match in chosen:
                    self.stdout.write(f"  - {match.email}: {match.name} ({Role(match.role).label})")
