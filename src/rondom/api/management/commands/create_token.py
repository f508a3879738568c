from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from rondom.api.models import ApiToken


class Command(BaseCommand):
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
            raise CommandError(f"There is no user {email}.")
        if reset:
            user.api_tokens.all().delete()
        _token, key = ApiToken.objects.issue(user)
        # Same wording as the framework's command, for scripts that read the key from it.
        self.stdout.write(f"Generated token {key} for user {user.email}")
        self.stderr.write("Store the key now: it cannot be shown again.")
