import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand, CommandError

from rondom.demo.accounts import DEMO_TOTP_SECRET, is_demo_account


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo professional (demo accounts only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        if not is_demo_account(email):
            raise CommandError("Only the demo accounts listed in the README have a known code.")
        counter = int(time.time()) // 30
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
