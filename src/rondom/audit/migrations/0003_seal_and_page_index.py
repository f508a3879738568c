"""Each event says which seal made its hash. The events already there were hashed with plain
SHA-256, so they get seal 1; new events get the keyed seal 2. Migration 0004 re-seals the
old ones. The index serves the family's log page: one case, newest first."""

from django.db import migrations, models

SEALS = [(1, "SHA-256, without a key (before re-sealing)"), (2, "HMAC-SHA256 with the audit key")]


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="seal",
            field=models.PositiveSmallIntegerField(choices=SEALS, default=1),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="seal",
            field=models.PositiveSmallIntegerField(choices=SEALS, default=2),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["case_id", "-seq"], name="audit_case_newest_first"),
        ),
    ]
