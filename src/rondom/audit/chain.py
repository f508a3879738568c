"""How a line of the access log is sealed: the hash that ties it to the line before it.

A line's hash covers its content and the hash of the line before it. At first that hash was
plain SHA-256. Anyone who could write to the database could then delete a line and recompute
every later hash with that public algorithm, and the chain still verified. Now the hash is an
HMAC-SHA256 under a key from the settings (`RONDOM_AUDIT_KEY`), which is never stored in the
database: without the key, nobody can make a changed chain verify.

Each line says which seal made its hash (`AuditEvent.seal`). Migration 0004 re-sealed the
lines written before the key existed, once, and only after their old chain had verified; it
leaves a broken old chain as it was. A line that still carries the old seal fails
verification, because anyone could have made it. The simplest sound choice: one key for the
whole log, no key ids to look up. A new key means re-sealing the log (`reseal-audit`).

A chain cannot show lines missing at its end. `verify-audit` therefore prints the head (the
number and hash of the last line) to keep somewhere else, and `--expect` checks it later.
"""

import hashlib
import hmac
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS = "0" * 64


class Seal(models.IntegerChoices):
    SHA256 = 1, _("SHA-256, without a key (before re-sealing)")
    HMAC_SHA256 = 2, _("HMAC-SHA256 with the audit key")


def audit_key() -> bytes:
    return settings.AUDIT_KEY.encode()


def canonical(event) -> bytes:
    """The content a hash covers; unchanged since the first line, so old hashes still check."""
    fields = {
        "seq": event.seq,
        "at": event.at.isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "case_id": event.case_id,
        "child_id": event.child_id,
        "card_id": event.card_id,
        "action": event.action,
        "channel": event.channel,
        "reason": event.reason,
        "prev_hash": event.prev_hash,
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()


def seal_hash(event, seal: int, key: bytes) -> str:
    """The hash of `event` under `seal`; works on historical models in migrations too."""
    if seal == Seal.SHA256:
        return hashlib.sha256(canonical(event)).hexdigest()
    if seal == Seal.HMAC_SHA256:
        return hmac.new(key, canonical(event), hashlib.sha256).hexdigest()
    raise ValueError(f"unknown seal {seal!r}")
