from django.db import transaction
from django.utils.translation import gettext as _

from rondom.cases.models import Case
from rondom.core.commands import Command as RondomCommand
from rondom.demo.accounts import DEMO_PASSWORD, ensure_demo_organisations, ensure_demo_users
from rondom.demo.cases import (
    ANONYMOUS_CASE,
    HOME_SITTER_CASE,
    PAPER_CASE,
    SPLIT_VIEWS_CASE,
    build_anonymous_case,
    build_home_sitter_case,
    build_paper_case,
    build_split_views_case,
)
from rondom.demo.meetings import add_paper_meeting

BUILDERS = {
    PAPER_CASE: build_paper_case,
    SPLIT_VIEWS_CASE: build_split_views_case,
    HOME_SITTER_CASE: build_home_sitter_case,
    ANONYMOUS_CASE: build_anonymous_case,
}


class Command(RondomCommand):
    help = "Load the demo accounts and cases. Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Rebuild the demo cases.")

    @transaction.atomic
    def handle(self, *args, reset: bool = False, **options):
        users = ensure_demo_users()
        ensure_demo_organisations(users)
        existing = Case.objects.filter(title__in=BUILDERS, created_by=users["ib"])
        if reset:
            existing.delete()
        present = set(existing.values_list("title", flat=True))
        for title, build in BUILDERS.items():
            if title not in present:
                build(users)
                if title == PAPER_CASE:
                    add_paper_meeting(users)
                self.stdout.write(_("Loaded demo case: %(title)s") % {"title": title})
        self.stdout.write(
            _("Demo logins use the password '%(password)s' (see README).")
            % {"password": DEMO_PASSWORD}
        )
