from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Revoke a user's API tokens: all of them, or the one that starts with --prefix."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--prefix", help="the first eight characters of the key")

    def handle(self, *args, email: str, prefix: str | None, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"There is no user {email}.")
        tokens = user.api_tokens.all()
        if prefix:
            tokens = tokens.filter(prefix=prefix)
        for token in tokens:
            used = token.last_used.isoformat(timespec="minutes") if token.last_used else "never"
            self.stdout.write(
                f"revoked {token.prefix}…, made {token.created:%Y-%m-%d}, last used {used}"
            )
        count, _ = tokens.delete()
        if not count:
            raise CommandError("No token matched.")
