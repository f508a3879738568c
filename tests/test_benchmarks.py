"""The benchmark scripts keep working (their figures are read by people, not asserted)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("script", ["timeline.py"])
def test_benchmark_runs_and_prints_its_figures(script, tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), "--requests", "3"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "RONDOM_DATA_DIR": str(tmp_path), "HOME": str(tmp_path)},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "SQL queries per timeline page:" in result.stdout
    assert "ratio timeline/trivial" in result.stdout
