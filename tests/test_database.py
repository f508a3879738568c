import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def test_tests_run_on_the_configured_database():
    """The PostgreSQL stage of scripts/test must really talk to PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def database_settings(tmp_path, **env) -> dict:
    """The DATABASES setting as a fresh process reads it from these environment variables."""
    script = "import json, rondom.settings as s; print(json.dumps(s.DATABASES['default']))"
    python_path = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": python_path, "RONDOM_DATA_DIR": str(tmp_path),
             **env},
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return json.loads(result.stdout)


def test_postgresql_gets_a_bounded_pool_from_the_environment(tmp_path):
    db = database_settings(
        tmp_path,
        DATABASE_URL="postgres://rondom@db.example:5432/rondom",
        RONDOM_DB_POOL_MIN="1",
        RONDOM_DB_POOL_MAX="5",
        RONDOM_DB_POOL_TIMEOUT="12.5",
    )
    assert db["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 5, "timeout": 12.5}
    assert db["CONN_MAX_AGE"] == 0  # Django refuses a pool with persistent connections


def test_pool_max_zero_leaves_the_pool_off_for_an_outside_pooler(tmp_path):
    db = database_settings(
        tmp_path,
        DATABASE_URL="postgres://rondom@db.example:5432/rondom",
        RONDOM_DB_POOL_MAX="0",
        RONDOM_DB_CONN_MAX_AGE="0",
    )
    assert "pool" not in db.get("OPTIONS", {})
    assert db["CONN_MAX_AGE"] == 0


def test_sqlite_keeps_its_own_settings_without_a_pool(tmp_path):
    db = database_settings(tmp_path)
    assert db["ENGINE"] == "rondom.core.sqlite"  # Django's backend, which also makes the folder
    assert "pool" not in db["OPTIONS"]
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db(transaction=True)
def test_many_threads_at_once_never_hold_more_connections_than_the_pool_allows():
    """Requests run in threads of their own; with four times as many threads as the pool has
    connections, each waits for one, all succeed, and PostgreSQL never sees more than the
    pool's maximum from this process."""
    if connection.vendor != "postgresql":
        pytest.skip("the pool is for PostgreSQL; the PostgreSQL run of the suite covers it")
    limit = settings.DATABASES["default"]["OPTIONS"]["pool"]["max_size"]
    assert connection.pool is not None and connection.pool.max_size == limit
    threads = 4 * limit
    start = threading.Barrier(threads)
    seen: list[int] = []
    failures: list[BaseException] = []

    def request_like() -> None:
        try:
            start.wait(timeout=30)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                )
                seen.append(cursor.fetchone()[0])
                cursor.execute("SELECT pg_sleep(0.05)")
        except BaseException as error:  # noqa: BLE001  (reported by the assertion below)
            failures.append(error)
        finally:
            connection.close()  # what the end of a request does: back into the pool

    workers = [threading.Thread(target=request_like) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert failures == []
    assert len(seen) == threads
    assert max(seen) <= limit
