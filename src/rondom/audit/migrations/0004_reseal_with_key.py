"""Re-seal the events hashed before the access log had a key, with the key in the settings.

The old chain is checked first. An intact one is hashed again under RONDOM_AUDIT_KEY, so set
that before migrating. A broken one is left as it was, with a warning: re-sealing it would
hide what went wrong, and `rondom verify_audit` keeps reporting it.
"""

import sys

from django.db import migrations

from rondom.audit.chain import Seal, audit_key
from rondom.audit.reseal import ResealRefused, reseal


def _reseal(apps, to: int) -> None:
    AuditEvent = apps.get_model("audit", "AuditEvent")
    if not AuditEvent._base_manager.exclude(seal=to).exists():
        return
    try:
        reseal(AuditEvent, audit_key(), audit_key(), seal=to)
    except ResealRefused as refused:
        sys.stderr.write(
            "\nThe access log was NOT re-sealed: its chain is broken. rondom verify_audit "
            "lists where.\n"
            + "".join(f"  event {b.seq}: {b.problem}\n" for b in refused.found.breaks[:50])
        )


def forwards(apps, schema_editor):
    _reseal(apps, Seal.HMAC_SHA256)


def backwards(apps, schema_editor):
    _reseal(apps, Seal.SHA256)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_seal_and_page_index")]
    operations = [migrations.RunPython(forwards, backwards)]
