"""Helpers for changing the access log behind the application's back, as an attacker would."""

import hashlib

from django.db import connection

from rondom.audit.chain import canonical
from rondom.audit.models import AuditEvent

TABLE = connection.ops.quote_name(AuditEvent._meta.db_table)


def tamper(*statements: tuple[str, list]) -> None:
    """Change rows the way someone with full database rights could: around the triggers.

    Table names in the SQL are written `{table}`; parameters use `%s`, on SQLite and PostgreSQL.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER audit_no_change")
        for sql, params in statements:
            cursor.execute(sql.format(table=TABLE), params)
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER audit_no_change")


def public_hash(event: AuditEvent) -> str:
    """The chain's first algorithm, plain SHA-256 over the published content: anyone can
    recompute it, which is what an intruder would do."""
    return hashlib.sha256(canonical(event)).hexdigest()
