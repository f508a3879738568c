"""PostgreSQL's append-only trigger allows one change more: sealing a line, once.

An UPDATE passes only when the line had no place in the chain, gets a whole one (`seq`,
`prev_hash`, `hash`; `seal` says how), and every other column stays as it was. Comparing the
rows as JSON without the chain fields also covers columns added later. Every other UPDATE,
and every DELETE, is refused as before. Going back restores the trigger that refuses all, so
every line is sealed first.
"""

from django.db import migrations

from rondom.audit.sealing import seal_pending

CHAIN = "ARRAY['seq', 'prev_hash', 'hash', 'seal']"

ALLOW_SEALING = f"""
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND OLD.seq IS NULL AND OLD.prev_hash = '' AND OLD.hash = ''
       AND NEW.seq IS NOT NULL AND NEW.prev_hash <> '' AND NEW.hash <> ''
       AND to_jsonb(NEW) - {CHAIN} = to_jsonb(OLD) - {CHAIN}
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the access log is append-only';
END; $$ LANGUAGE plpgsql
"""

REFUSE_ALL = """
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'the access log is append-only'; END; $$ LANGUAGE plpgsql
"""


def allow_sealing(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ALLOW_SEALING)


def refuse_all(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        seal_pending(apps.get_model("audit", "AuditEvent"))
        schema_editor.execute(REFUSE_ALL)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_unsealed_lines")]
    operations = [migrations.RunPython(allow_sealing, refuse_all)]
