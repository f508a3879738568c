from django.utils import timezone
from django.utils.translation import ngettext

from rondom.core.commands import Command as RondomCommand
from rondom.core.periodic import reminder_jobs


class Command(RondomCommand):
    help = (
        "Email reminders once a day: owners of open agreements (of cases and of networks) "
        "due within N days or overdue, and people who have not yet filled in an open scan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="How many days ahead (3).")

    def handle(self, *args, days: int, **options):
        today = timezone.localdate()
        sent = sum(job(days, today) for job in reminder_jobs().values())
        self.stdout.write(
            ngettext("Sent %(count)s reminder.", "Sent %(count)s reminders.", sent)
            % {"count": sent}
        )
