"""The benchmark scripts keep working (their figures are read by people, not asserted)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("script", "args", "figures"),
    [
        ("timeline.py", ["--requests", "3"], ["SQL queries per timeline page:", "ratio timeline"]),
        ("live.py", ["--clients", "3", "--changes", "2"], ["deliveries: 6 of 6", "ratio update"]),
        ("pdf.py", ["--repeat", "1"], ["praatplaat, 500 cards", "ratio 500-card praatplaat"]),
    ],
)
def test_benchmark_runs_and_prints_its_figures(script, args, figures, tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "RONDOM_DATA_DIR": str(tmp_path), "HOME": str(tmp_path)},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    for figure in figures:
        assert figure in result.stdout


def test_scale_data_builds_a_small_installation(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "scale_data.py"), "--cases", "12",
         "--log-lines", "300"],
        capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "RONDOM_DATA_DIR": str(tmp_path), "HOME": str(tmp_path)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    for figure in ["cards", "480 rows", "access log", "300 rows", "total"]:
        assert figure in result.stdout


@pytest.mark.django_db(transaction=True)
def test_load_runs_on_postgresql_and_prints_its_figures(tmp_path):
    """On the test database, which the flush after this test empties again."""
    from django.db import connection

    from tests.conftest import database_url_for_another_process

    if connection.vendor != "postgresql":
        pytest.skip("the load test needs PostgreSQL; the PostgreSQL run of the suite covers it")
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_another_process(),
        "RONDOM_DATA_DIR": str(tmp_path),
    }
    for script, args in [
        ("scale_data.py", ["--cases", "20", "--log-lines", "100"]),
        ("load.py", ["--users", "3", "--form-logins", "1", "--seconds", "3"]),
    ]:
        result = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / script), *args],
            capture_output=True, text=True, timeout=300, env=env,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-2000:]
    for figure in ["logged in with password and TOTP code: 1 of 1", "timeline", "p99 ms",
                   "peak database connections:"]:  # fmt: skip
        assert figure in result.stdout
