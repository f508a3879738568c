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
whole log, no key ids to look up. A new key means re-sealing the log (`reseal_audit`).

A chain cannot show lines missing at its end. `verify_audit` therefore prints the head (the
number and hash of the last line) to keep somewhere else, and `--expect` checks it later.

Lines are written without a place in the chain; `sealing` gives them one afterwards.
"""

import hashlib
from collections.abc import Callable
from json.encoder import encode_basestring_ascii

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS = "0" * 64

# The fields a hash covers, in the order of `canonical_values`' arguments: sorted by name.
CANONICAL = (
    "action", "actor_id", "actor_label", "at", "card_id", "case_id", "channel", "child_id",
    "prev_hash", "reason", "seq",
)  # fmt: skip
CONTENT = tuple(name for name in CANONICAL if name not in ("prev_hash", "seq"))


class Seal(models.IntegerChoices):
    SHA256 = 1, _("SHA-256, without a key (before re-sealing)")
    HMAC_SHA256 = 2, _("HMAC-SHA256 with the audit key")


def audit_key() -> bytes:
    return settings.AUDIT_KEY.encode()


# What json.dumps(fields, sort_keys=True, separators=(",", ":")) wrote for the first lines,
# spelled out: the same bytes at twice the speed, which verify_audit needs over a long log.
# Strings are escaped by json's own (C) function; ids are ints or None, as the database gives.
TEMPLATE = (
    '{"action":%s,"actor_id":%s,"actor_label":%s,"at":"%s","card_id":%s,"case_id":%s,'
    '"channel":%s,"child_id":%s,"prev_hash":%s,"reason":%s,"seq":%s}'
)


def canonical_values(
    action, actor_id, actor_label, at, card_id, case_id, channel, child_id, prev_hash, reason, seq
) -> bytes:
    """The content a hash covers; unchanged since the first line, so old hashes still check."""
    return (
        TEMPLATE
        % (
            encode_basestring_ascii(action),
            "null" if actor_id is None else actor_id,
            encode_basestring_ascii(actor_label),
            at.isoformat(),
            "null" if card_id is None else card_id,
            "null" if case_id is None else case_id,
            encode_basestring_ascii(channel),
            "null" if child_id is None else child_id,
            encode_basestring_ascii(prev_hash),
            encode_basestring_ascii(reason),
            "null" if seq is None else seq,
        )
    ).encode()


def canonical(event) -> bytes:
    return canonical_values(*(getattr(event, name) for name in CANONICAL))


def hasher(seal: int, key: bytes) -> Callable[[bytes], str]:
    """A function from canonical content to its hash under `seal`, made once for many lines."""
    if seal == Seal.SHA256:
        return lambda content: hashlib.sha256(content).hexdigest()
    if seal == Seal.HMAC_SHA256:
        inner, outer = _hmac_pads(key)

        def hmac_sha256(content: bytes) -> str:
            # HMAC as RFC 2104 defines it, from the two padded keys hashed once: the same
            # digest as hmac.new(), at half the cost per line, which a long walk needs.
            digest = inner.copy()
            digest.update(content)
            result = outer.copy()
            result.update(digest.digest())
            return result.hexdigest()

        return hmac_sha256
    raise ValueError(f"unknown seal {seal!r}")


def _hmac_pads(key: bytes) -> tuple:
    block = hashlib.sha256().block_size
    if len(key) > block:
        key = hashlib.sha256(key).digest()
    key = key.ljust(block, b"\0")
    return (
        hashlib.sha256(bytes(byte ^ 0x36 for byte in key)),
        hashlib.sha256(bytes(byte ^ 0x5C for byte in key)),
    )


def seal_hash(event, seal: int, key: bytes) -> str:
    """The hash of `event` under `seal`; works on historical models in migrations too."""
    return hasher(seal, key)(canonical(event))
