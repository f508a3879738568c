from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from rondom.accounts.models import Organisation, User
from rondom.core.commands import Command as RondomCommand
from rondom.networks.services import set_up_network


class Command(RondomCommand):
    help = (
        "Create a network with its coordinators and member organisations, or add the ones it "
        "lacks. Nothing is removed, so a set-up script may run it again."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="the network's name")
        parser.add_argument(
            "--coordinator",
            action="append",
            default=[],
            metavar="EMAIL",
            help="a professional's account that coordinates the network (may be repeated)",
        )
        parser.add_argument(
            "--member",
            nargs="+",
            action="extend",
            default=[],
            metavar="ORG",
            help="the name of a member organisation, exactly as in Rondom",
        )

    def handle(self, *args, name: str, coordinator: list[str], member: list[str], **options):
        name = name.strip()
        if not name:
            raise CommandError(_("Give the network a name."))
        coordinators = [self._coordinator(email) for email in coordinator]
        organisations = [self._organisation(org) for org in member]
        done = set_up_network(name, coordinators=coordinators, organisations=organisations)
        if done.created:
            self.stdout.write(_("Network created: %(name)s") % {"name": done.network.name})
        else:
            self.stdout.write(_("Network exists already: %(name)s") % {"name": done.network.name})
        for organisation in done.members_added:
            self.stdout.write(_("Member added: %(name)s") % {"name": organisation.name})
        for user in done.coordinators_added:
            self.stdout.write(_("Coordinator added: %(email)s") % {"email": user.email})

    def _coordinator(self, email: str) -> User:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(_("There is no user %(email)s.") % {"email": email})
        if user.kind != User.Kind.PROFESSIONAL:
            raise CommandError(
                _("%(email)s is a parent's account; only a professional coordinates a network.")
                % {"email": user.email}
            )
        return user

    def _organisation(self, name: str) -> Organisation:
        found = list(Organisation.objects.filter(name__iexact=name.strip())[:2])
        if not found:
            raise CommandError(_("There is no organisation called %(name)s.") % {"name": name})
        if len(found) > 1:
            raise CommandError(
                _("More than one organisation is called %(name)s; rename one in the admin.")
                % {"name": name}
            )
        return found[0]
