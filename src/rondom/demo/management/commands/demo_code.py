import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from rondom.core.commands import Command as RondomCommand
from rondom.demo.accounts import DEMO_TOTP_SECRET, is_demo_account


class Command(RondomCommand):
    help = "Print the current two-factor code of a demo professional (demo accounts only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        if not is_demo_account(email):
            raise CommandError(_("Only the demo accounts listed in the README have a known code."))
        counter = int(time.time()) // 30
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
