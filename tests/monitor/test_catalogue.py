"""Each source of the catalogue on a small network whose figures are worked out by hand.

The first half of 2024 (1 January – 30 June) in Wijk Oost (figures_world.known_half_year):

- counted: Casus Eik (A1, A2) and Casus Beuk (B1), both anonymous and run by the school. Not
  counted: a named case without consent for figures, a case closed in 2023, and a case run by
  someone outside the network's organisations.
- cases 2, children 3.
- meetings in the half-year: Eik 2 (1 February, 1 May; 1 December 2023 is before it), Beuk
  1 (1 March): 3 meetings over 2 cases = 1.5.
- case agreements due in the half-year and not dropped: Eik's three (one done on time, one
  done late, one open); one done on time of 3 = 33.33%, behind it 1 case.
- weeks from question to first help, learning: A1 asked in January, linked help from March:
  60 days; B1 asked in January, fitting help from February: 31 days. Median 45.5 days = 6.5
  weeks, behind it 2 questions.
- questions without help, parenting: the Eik family (a question in February, no help) = 1;
  learning: none (A1 and B1 have both). Help without a question, physical: A2 = 1.
- satisfied, each person's last answer in the half-year: Eik's parent satisfied (10 May, an
  earlier "not" and a later one in August do not count), Eik's manager partly, Beuk's mother
  partly: 1 of 3 = 33.33%; parents 1 of 2 = 50%; school 0 of 1 = 0%.
- out of school: A1 from 1 November 2023 until 29 February 2024 (121 days) and B1 from
  1 April 2024, still out, so until 30 June (91 days); B1's stretch in 2022 lies before it.
  2 children; median (91 + 121) / 2 = 106 days = 15.14 weeks.
- the scan: the latest round for everyone closed on 31 May 2024, erased, its kept sums for
  the two governance statements 3 and 4 from 6 school people: governance 3.5, behind it 6.
  The team's round of June and the round of August do not count.
- signals with a month in the half-year: waiting lists 2 (July's is in the next), money 1,
  one without a theme: 4 in all.
"""

from decimal import Decimal

import pytest

from rondom.insights.figures import CELLS
from rondom.insights.periods import half_year
from rondom.insights.suppression import Line, hidden_keys
from rondom.monitor.basis import Basis
from rondom.monitor.catalogue import SOURCES, SOURCES_BY_KEY, compute

from .figures_world import indicator, joint_agreement, known_half_year, make_world


@pytest.fixture
def world(manager):
    return make_world(manager)


H1_2024 = half_year(2024, 1)

EXPECTED = [
    ("cases", {}, "2", 2),
    ("children", {}, "3", 3),
    ("meetings_per_case", {}, "1.5", 2),
    ("agreements_on_time", {}, "33.33", 1),
    ("weeks_to_help", {"domain": "learning"}, "6.5", 2),
    ("weeks_to_help", {"domain": "parenting"}, None, 0),
    # The cells rest on the smallest cell of their line the insight report hides.
    ("questions_without_help", {"domain": "parenting"}, "1", 0),
    ("questions_without_help", {"domain": "learning"}, "0", 0),
    ("help_without_question", {"domain": "physical"}, "1", 0),
    ("satisfied", {}, "33.33", 0),
    ("satisfied", {"party": "parents"}, "50", 0),
    ("satisfied", {"party": "school"}, "0", 0),
    ("out_of_school_children", {}, "2", 2),
    ("out_of_school_weeks", {}, "15.14", 2),
    ("scan_level", {"level": "governance"}, "3.5", 6),
    ("scan_level", {"level": "relations"}, None, 6),  # asked, but no sums kept for it
    ("scan_level", {"level": "parent_help"}, None, 0),  # no parent answered
    ("signals", {}, "4", 4),
]


@pytest.mark.django_db
def test_every_source_gives_the_figures_worked_out_by_hand(world):
    found = known_half_year(world)
    joint = joint_agreement(world["network"])
    cases = [*EXPECTED,
             ("signals", {"theme": found["waiting"].pk}, "2", 2),
             ("signals", {"theme": found["money"].pk}, "1", 1)]  # fmt: skip
    indicators = [indicator(joint, source, options) for source, options, _v, _c in cases]
    values = compute(world["network"], H1_2024, indicators)
    got = [(values[i.pk].value, values[i.pk].count) for i in indicators]
    wanted = [(None if v is None else Decimal(v), c) for _s, _o, v, c in cases]
    assert got == wanted
    assert {source for source, *_rest in cases} == set(SOURCES_BY_KEY)


@pytest.mark.django_db
def test_a_scan_round_below_the_scans_minimum_shows_nothing(world, settings):
    from rondom.scan.models import SectorResult

    known_half_year(world)
    SectorResult.objects.update(respondents=4)
    joint = joint_agreement(world["network"])
    governance = indicator(joint, "scan_level", {"level": "governance"})
    value = compute(world["network"], H1_2024, [governance])[governance.pk]
    assert value.value is None and value.count == 4


def test_each_source_is_documented():
    for source in SOURCES:
        assert source.label and source.means and source.unit and source.counts, source.key
        assert not source.option_required or source.option, source.key


def test_a_cell_the_insight_report_hides_as_the_second_cell_rests_on_the_small_one(world):
    """With 29 + 12 + 2 + 57 = 100 families, the report hides the 2 and, so that it cannot be
    worked out from the total, the 12 as well. A monitor figure of 12 would give the 2 away,
    so it rests on 2 and shows as <k; a cell the report shows stays as it is."""
    basis = Basis(world["network"], H1_2024)
    cells = tuple(("family", "parent_other", cell) for cell in CELLS)
    values = dict(zip(cells, (29, 12, 2, 57), strict=True)) | {("cases",): 100}
    lines = [Line(cells, ("cases",))]
    basis.__dict__["report"] = (values, hidden_keys(values, lines, 10), lines)
    both, question_only, help_only, _neither = cells
    assert basis.resting_on((question_only,), 12) == 2
    assert basis.resting_on((help_only,), 2) == 2
    assert basis.resting_on((both,), 29) == 29
