from django.core.management.base import BaseCommand, CommandError

from rondom.audit.log import verify_chain


class Command(BaseCommand):
    help = "Check that the access log is complete and unchanged (hash chain)."

    def handle(self, *args, **options):
        count, breaks = verify_chain()
        for item in breaks:
            self.stderr.write(f"event {item.seq}: {item.problem}")
        if breaks:
            raise CommandError(f"The access log is broken in {len(breaks)} place(s).")
        self.stdout.write(f"The access log is intact: {count} events checked.")
