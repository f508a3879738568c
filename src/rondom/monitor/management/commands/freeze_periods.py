from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rondom.core.commands import Command as RondomCommand

from ...freezing import freeze_all


class Command(RondomCommand):
    help = (
        "Freeze the figures of every half-year that has ended, for the indicators that count "
        "in the networks' joint agreements. Safe to run daily, and twice at once."
    )

    def handle(self, *args, **options):
        frozen = freeze_all()
        periods = ngettext(
            "%(count)s half-year frozen", "%(count)s half-years frozen", frozen.periods
        ) % {"count": frozen.periods}
        values = ngettext("%(count)s figure stored", "%(count)s figures stored", frozen.values) % {
            "count": frozen.values
        }
        self.stdout.write(_("%(periods)s, %(values)s.") % {"periods": periods, "values": values})
