import os

from django.db import connection


def test_tests_run_on_the_configured_database():
    """The PostgreSQL stage of scripts/test must really talk to PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
