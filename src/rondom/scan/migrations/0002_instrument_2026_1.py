"""Publishes version 2026.1 of the samenwerkingsscan: its 28 statements for professionals
and 8 for parents."""

import datetime

from django.db import migrations


def publish(apps, schema_editor):
    from rondom.scan import instrument_2026_1
    from rondom.scan.instruments import publish

    publish(
        instrument_2026_1,
        datetime.date(2026, 11, 1),
        apps.get_model("scan", "Instrument"),
        apps.get_model("scan", "Statement"),
    )


class Migration(migrations.Migration):
    dependencies = [("scan", "0001_initial")]

    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
