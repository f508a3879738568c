"""Move the plain-text tokens of Django REST framework's authtoken app into ApiToken.

Each old key is hashed the same way as a new one, so programs keep working with the key
they have. The old table is then dropped. This is one-way: the plain keys are gone, so the
migration cannot be reversed.
"""

import hashlib
from datetime import UTC

from django.db import migrations
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.dateparse import parse_datetime

OLD_TABLE = "authtoken_token"
PREFIX_LENGTH = 8


def _as_moment(value):
    """SQLite hands raw rows back as text in UTC; PostgreSQL as aware datetimes."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value


def hash_plain_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("api", "ApiToken")
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('key')}, {quote('user_id')}, {quote('created')} "
            f"FROM {quote(OLD_TABLE)}"
        )
        rows = cursor.fetchall()
        ApiToken.objects.bulk_create(
            ApiToken(
                user_id=user_id,
                prefix=key[:PREFIX_LENGTH],
                digest=hashlib.sha256(key.encode()).hexdigest(),
                created=_as_moment(created),
            )
            for key, user_id, created in rows
        )
        cursor.execute(f"DROP TABLE {quote(OLD_TABLE)}")
    # The authtoken app is no longer installed; without these rows, adding it back later
    # would create its table afresh instead of assuming it still exists.
    MigrationRecorder(connection).migration_qs.filter(app="authtoken").delete()


class Migration(migrations.Migration):
    dependencies = [("api", "0001_api_token")]

    operations = [migrations.RunPython(hash_plain_tokens)]
