"""rondom print_document KIND -o FILE: the print documents from the command line.

The same PDFs as the download buttons in the app. Documents about a case are written to the
access log with the channel `print` (the family copy: `export`).
"""

from datetime import date

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from rondom.audit.log import record
from rondom.audit.models import AuditEvent
from rondom.cases.access import access_of_participant
from rondom.cases.models import Case
from rondom.core.commands import Command as RondomCommand
from rondom.documents.family_copy import family_copy_pdf
from rondom.documents.meeting_documents import agreements_card_pdf, meeting_report_pdf
from rondom.documents.timeline_sheets import blank_cards_pdf, blank_timeline_pdf, praatplaat_pdf
from rondom.meetings.models import Meeting

KINDS = (
    "praatplaat", "blank-timeline", "blank-cards", "blank-agreements", "agreements",
    "report", "family",
)  # fmt: skip


class Command(RondomCommand):
    help = "Write a print document as PDF: " + ", ".join(KINDS) + "."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("-o", "--output", required=True, help="The PDF file to write.")
        parser.add_argument("--case", type=int, help="praatplaat, family: the case")
        parser.add_argument("--child", type=int, help="praatplaat: the child (default: first)")
        parser.add_argument("--meeting", type=int, help="agreements, report: the meeting")
        parser.add_argument("--participant", type=int, help="family: whose copy")
        parser.add_argument("--born", help="blank-timeline: date of birth, YYYY-MM-DD")

    def handle(self, *args, kind, output, **options):
        pdf, case_id, channel = self._render(kind, options)
        with open(output, "wb") as handle:
            handle.write(pdf)
        if case_id:
            record(None, f"print {kind}", case_id=case_id, channel=channel, reason="command line")
        self.stdout.write(f"{output} ({len(pdf) // 1024} kB)")

    def _render(self, kind: str, options) -> tuple[bytes, int | None, str]:
        printed = AuditEvent.Channel.PRINT
        if kind == "blank-timeline":
            try:
                born = date.fromisoformat(options["born"]) if options["born"] else None
            except ValueError:
                raise CommandError(_("--born: use the form YYYY-MM-DD.")) from None
            return blank_timeline_pdf(born), None, printed
        if kind == "blank-cards":
            return blank_cards_pdf(), None, printed
        if kind == "blank-agreements":
            return agreements_card_pdf(), None, printed
        if kind in ("agreements", "report"):
            meeting = Meeting.objects.filter(pk=options["meeting"]).select_related("case").first()
            if meeting is None:
                raise CommandError(_("Give an existing meeting with --meeting."))
            if kind == "agreements":
                return agreements_card_pdf(meeting.case, meeting), meeting.case_id, printed
            return meeting_report_pdf(meeting), meeting.case_id, printed
        case = Case.objects.filter(pk=options["case"]).first()
        if case is None:
            raise CommandError(_("Give an existing case with --case."))
        if kind == "praatplaat":
            children = case.children.all()
            child = children.filter(pk=options["child"]).first() if options["child"] else None
            child = child or children.first()
            if child is None:
                raise CommandError(_("This case has no child."))
            return praatplaat_pdf(case, child), case.pk, printed
        participant = case.participants.filter(pk=options["participant"]).first()
        if participant is None:
            raise CommandError(_("Say with --participant whose copy it is."))
        access = access_of_participant(participant)
        if access is None or not access.sees_content:
            raise CommandError(_("This person may not see the content of the case."))
        return family_copy_pdf(access), case.pk, AuditEvent.Channel.EXPORT
