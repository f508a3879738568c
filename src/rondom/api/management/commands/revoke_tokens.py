from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from rondom.core.commands import Command as RondomCommand


class Command(RondomCommand):
    help = "Revoke a user's API tokens: all of them, or the one that starts with --prefix."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--prefix", help="the first eight characters of the key")

    def handle(self, *args, email: str, prefix: str | None, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(_("There is no user %(email)s.") % {"email": email})
        tokens = user.api_tokens.all()
        if prefix:
            tokens = tokens.filter(prefix=prefix)
        for token in tokens:
            used = token.last_used.isoformat(timespec="minutes") if token.last_used else _("never")
            self.stdout.write(
                _("revoked %(prefix)s…, made %(made)s, last used %(used)s")
                % {"prefix": token.prefix, "made": f"{token.created:%Y-%m-%d}", "used": used}
            )
        count, _deleted = tokens.delete()
        if not count:
            raise CommandError(_("No token matched."))
