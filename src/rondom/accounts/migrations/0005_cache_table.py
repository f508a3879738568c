"""The table of the database cache, where the login rate limits are counted for every server
process together (see CACHES in the settings). Created here, so that every installation, test
database and CI run has it without a separate step."""

from django.core.management import call_command
from django.db import migrations

CACHE_TABLE = "rondom_cache"


def create_cache_table(apps, schema_editor):
    # The command skips a table that is already there, for example one made by hand.
    alias = schema_editor.connection.alias
    call_command("createcachetable", CACHE_TABLE, database=alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_encrypt_second_factor_secrets")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
