"""Publishes version 2026.1 of the samenwerkingsscan: its 28 statements for professionals
and 8 for parents."""

import datetime

from django.db import migrations


def publish(apps, schema_editor):
    from rondom.scan import instrument_2026_1 as version

    Instrument = apps.get_model("scan", "Instrument")
    Statement = apps.get_model("scan", "Statement")
    instrument, _created = Instrument.objects.get_or_create(
        version=version.VERSION, defaults={"published_on": datetime.date(2026, 11, 1)}
    )
    rows = [("professional", row) for row in version.PROFESSIONAL]
    rows += [("parent", row) for row in version.PARENT]
    for position, (audience, (code, level, text)) in enumerate(rows, start=1):
        Statement.objects.update_or_create(
            instrument=instrument,
            code=code,
            defaults={"audience": audience, "level": level, "text": text, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("scan", "0001_initial")]

    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
