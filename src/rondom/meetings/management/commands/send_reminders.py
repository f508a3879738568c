from django.utils.translation import ngettext

from rondom.core.commands import Command as RondomCommand
from rondom.meetings.reminders import send_reminders


class Command(RondomCommand):
    help = "Email owners of open agreements due within N days or overdue (once a day each)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="How many days ahead (3).")

    def handle(self, *args, days: int, **options):
        sent = send_reminders(days)
        self.stdout.write(
            ngettext("Sent %(count)s reminder.", "Sent %(count)s reminders.", sent)
            % {"count": sent}
        )
