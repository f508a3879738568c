"""benchmarks/scan.py builds its round and times the results on a small scale, in the test
database; timings are never asserted here."""

import sys

import pytest

from rondom.scan.models import Answer, Response
from tests.test_benchmarks import load_benchmark


@pytest.mark.django_db
def test_the_scan_benchmark_runs_on_a_small_scale(monkeypatch, capsys):
    bench = load_benchmark("scan", monkeypatch)
    monkeypatch.setattr(sys, "argv", ["scan.py", "--respondents", "40", "--repeat", "1",
                                      "--pdf-repeat", "1"])  # fmt: skip
    bench.main()
    printed = capsys.readouterr().out
    assert Response.objects.filter(submitted=True).count() == 40
    assert Answer.objects.count() == 40 * 30
    assert "built 40 respondents with 1,200 answers" in printed
    for line in ("raw SQL GROUP BY", "results page", "results PDF", "target: the results page"):
        assert line in printed
    with pytest.raises(SystemExit, match="already holds"):
        bench.main()
