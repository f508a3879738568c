"""How the access-log commands tell an operator what is broken."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rondom.audit.log import Verification
from rondom.audit.sealing import SealRefused

LISTED = 50


def report_breaks(command: BaseCommand, found: Verification) -> str:
    """Write the first breaks to stderr; returns the summary for the CommandError."""
    for item in found.breaks[:LISTED]:
        command.stderr.write(_("event %(seq)s: %(problem)s") % {
            "seq": item.seq, "problem": item.problem})  # fmt: skip
    if found.broken > LISTED:
        command.stderr.write(_("… and %(count)s more.") % {"count": found.broken - LISTED})
    if found.wrong_key:
        command.stderr.write(
            _("No event matches its hash: is RONDOM_AUDIT_KEY the key the log was sealed with?")
        )
    return ngettext(
        "The access log is broken in %(count)s place.",
        "The access log is broken in %(count)s places.",
        found.broken,
    ) % {"count": found.broken}


def refused_message(refused: SealRefused) -> str:
    return _(
        "Nothing was sealed: the last sealed event (%(seq)s) does not match its hash "
        "under this key. Is RONDOM_AUDIT_KEY the key the log was sealed with? "
        "verify_audit shows what is wrong."
    ) % {"seq": refused.head.seq}
