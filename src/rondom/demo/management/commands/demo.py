from django.db import connection, transaction
from django.utils.translation import gettext as _

from rondom.cases.models import Case
from rondom.core.commands import Command as RondomCommand
from rondom.demo.accounts import (
    DEMO_PASSWORD,
    ensure_demo_network,
    ensure_demo_organisations,
    ensure_demo_users,
)
from rondom.demo.builder import add_satisfaction, build_case, demo_cases
from rondom.demo.cases import PAPER_CASE
from rondom.demo.generated import ensure_generated_cases, generated_managers
from rondom.demo.meetings import add_paper_meeting
from rondom.demo.monitor import ensure_demo_monitor
from rondom.demo.scan import ensure_demo_scan


class Command(RondomCommand):
    help = "Load the demo accounts and cases. Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Rebuild the demo cases.")

    @transaction.atomic
    def handle(self, *args, reset: bool = False, **options):
        users = ensure_demo_users()
        ensure_demo_organisations(users)
        network = ensure_demo_network(users)
        cases = demo_cases()
        titles = [case["title"] for case in cases]
        existing = Case.objects.filter(title__in=titles, created_by=users["ib"])
        if reset:
            existing.delete()
            Case.objects.filter(created_by__in=generated_managers()).delete()
        present = set(existing.values_list("title", flat=True))
        for case in cases:
            if case["title"] not in present:
                builder = build_case(case, users)
                if case["title"] == PAPER_CASE:
                    add_paper_meeting(users)
                add_satisfaction(builder, case)
                self.stdout.write(_("Loaded demo case: %(title)s") % {"title": case["title"]})
        made = ensure_generated_cases()
        answered = ensure_demo_scan(network, users)
        if connection.vendor == "postgresql":
            # Fresh statistics after a bulk load, before the monitor freezes its figures:
            # until autovacuum gets to them, PostgreSQL would plan the figures across cases
            # as if the tables were empty, and choose nested loops that take minutes instead
            # of milliseconds.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        monitored = ensure_demo_monitor(network, users)
        if made:
            self.stdout.write(
                _("Made %(count)s anonymous cases for the figures of the network.")
                % {"count": made}
            )
        if answered:
            self.stdout.write(
                _("Filled in the samenwerkingsscan of the network %(count)s times.")
                % {"count": answered}
            )
        if monitored:
            self.stdout.write(_("Set up the monitor of the network's joint agreement."))
        self.stdout.write(
            _("Demo logins use the password '%(password)s' (see README).")
            % {"password": DEMO_PASSWORD}
        )
