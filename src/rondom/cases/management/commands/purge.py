from django.conf import settings
from django.core.management.base import BaseCommand

from rondom.cases.retention import purge_due


class Command(BaseCommand):
    help = "Erase closed cases whose retention term has ended. Schedule it daily."

    def handle(self, *args, **options):
        erased = purge_due()
        self.stdout.write(
            f"Erased {len(erased)} case(s) closed more than {settings.RETENTION_MONTHS} months ago."
        )
