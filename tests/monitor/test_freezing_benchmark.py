"""benchmarks/monitor.py builds its network and freezes a half-year on a small scale, in the
test database; timings are never asserted here."""

import sys

import pytest

from rondom.cases.models import Case, Child
from rondom.monitor.catalogue import SOURCES
from rondom.monitor.models import Indicator, PeriodValue
from tests.test_benchmarks import load_benchmark


@pytest.mark.django_db
def test_the_monitor_benchmark_runs_on_a_small_scale(monkeypatch, capsys):
    bench = load_benchmark("monitor", monkeypatch)
    monkeypatch.setattr(sys, "argv", ["monitor.py", "--cases", "30", "--cards-per-case", "6",
                                      "--repeat", "1"])  # fmt: skip
    bench.main()
    printed = capsys.readouterr().out
    assert (Case.objects.count(), Child.objects.count()) == (30, 60)
    indicators = Indicator.objects.count()
    assert {i.source for i in Indicator.objects.all()} == {s.key for s in SOURCES}
    assert PeriodValue.objects.count() == indicators  # every one frozen, once
    assert f"freezing {indicators} indicators over 30 cases" in printed
    assert "raw SQL of the same figures" in printed
    assert "cases counted: 29;" in printed  # one named case in fifty has no consent
    with pytest.raises(SystemExit, match="already holds"):
        bench.main()
