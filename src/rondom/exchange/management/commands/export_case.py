"""rondom export_case ID -o case.json: the whole case as a case file."""

import json
import sys

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from rondom.audit.log import record
from rondom.audit.models import AuditEvent
from rondom.cases.models import Case
from rondom.core.commands import Command as RondomCommand
from rondom.exchange.export import export_case


class Command(RondomCommand):
    help = (
        "Write a case, with all its history, as JSON (schema: rondom/exchange/case-2.schema.json)."
    )

    def add_arguments(self, parser):
        parser.add_argument("case_id", type=int)
        parser.add_argument("-o", "--output", help="File to write; without it, standard output.")

    def handle(self, *args, **options):
        case = Case.objects.filter(pk=options["case_id"]).first()
        if case is None:
            raise CommandError(_("There is no case %(id)s.") % {"id": options["case_id"]})
        text = json.dumps(export_case(case), ensure_ascii=False, indent=1)
        record(None, "export case file", case_id=case.pk, channel=AuditEvent.Channel.EXPORT,
               reason="command line")  # fmt: skip
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stdout.write(
                _("Case %(id)s written to %(path)s.") % {"id": case.pk, "path": options["output"]}
            )
        else:
            sys.stdout.write(text + "\n")
