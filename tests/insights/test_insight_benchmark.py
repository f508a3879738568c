"""benchmarks/insight.py builds its network and reports on a small scale, in the test database."""

import sys

import pytest

from rondom.cases.models import Case, Child
from rondom.help.models import HelpQuestion
from rondom.timeline.models import Card
from tests.test_benchmarks import load_benchmark


@pytest.mark.django_db
def test_the_insight_benchmark_runs_on_a_small_scale(monkeypatch, capsys):
    bench = load_benchmark("insight", monkeypatch)
    monkeypatch.setattr(sys, "argv", ["insight.py", "--cases", "30", "--cards-per-case", "16",
                                      "--repeat", "1"])  # fmt: skip
    bench.main()
    printed = capsys.readouterr().out
    assert (Case.objects.count(), Child.objects.count()) == (30, 60)
    assert Card.objects.count() == 30 * 16
    assert HelpQuestion.objects.count() == 90
    assert "report over 30 cases" in printed
    assert "DIFFERENT" not in printed
    assert "children counted: 60" in printed  # a tenth in the smaller member, all anonymous
    with pytest.raises(SystemExit, match="already holds"):
        bench.main()
