from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from rondom.api.models import ApiToken
from rondom.core.commands import Command as RondomCommand


class Command(RondomCommand):
    help = (
        "Make an API token for a user and print its key. The key is shown only this once: "
        "Rondom keeps just a hash of it."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "-r",
            "--reset",
            action="store_true",
            help="revoke the user's earlier tokens first",
        )

    def handle(self, *args, email: str, reset: bool, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(_("There is no user %(email)s.") % {"email": email})
        if reset:
            user.api_tokens.all().delete()
        _token, key = ApiToken.objects.issue(user)
        # Not translated, and in the framework's words: scripts read the key from this line.
        self.stdout.write(f"Generated token {key} for user {user.email}")
        self.stderr.write(_("Store the key now: it cannot be shown again."))
