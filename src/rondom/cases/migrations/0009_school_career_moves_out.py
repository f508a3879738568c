# The school career moved to its own component (rondom.career). Its tables stay; only
# Django's idea of which app owns them changes here. career.0001 takes them over.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_sorted_parent_roles")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="GroupYear"),
                migrations.DeleteModel(name="SchoolPeriod"),
            ],
        ),
    ]
