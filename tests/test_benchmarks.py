"""The benchmark scripts keep working (their figures are read by people, not asserted)."""

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
