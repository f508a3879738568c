"""Lines are written without a place in the chain and sealed later (see `sealing`).

The chain fields may be empty until then, but only all at once. The family's page orders by
id, which every line has; the sealer finds its work through a small partial index. Going
back seals every line first, because `seq` may not be empty before this migration.
"""

from django.db import migrations, models

from rondom.audit.sealing import seal_pending


def seal_every_line(apps, schema_editor):
    seal_pending(apps.get_model("audit", "AuditEvent"))


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0004_reseal_with_key'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='auditevent',
            options={'ordering': ['id']},
        ),
        migrations.RemoveIndex(
            model_name='auditevent',
            name='audit_case_newest_first',
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='hash',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='prev_hash',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='seq',
            field=models.PositiveBigIntegerField(null=True, unique=True),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(fields=['case_id', '-id'], name='audit_case_newest_id'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(condition=models.Q(('seq__isnull', True)), fields=['id'], name='audit_unsealed'),
        ),
        migrations.AddConstraint(
            model_name='auditevent',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('hash', ''), ('prev_hash', ''), ('seq__isnull', True)), models.Q(('seq__isnull', False), models.Q(('prev_hash', ''), _negated=True), models.Q(('hash', ''), _negated=True)), _connector='OR'), name='audit_sealed_whole_or_not_at_all'),
        ),
        migrations.RunPython(migrations.RunPython.noop, seal_every_line),
    ]
