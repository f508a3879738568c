from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from rondom.timeline.layout import MIN_CARD_MONTHS, axis_for, lay_out, place_cards

BIRTH = date(2012, 10, 3)
TODAY = date(2024, 5, 1)


@dataclass
class FakeCard:
    kind: str
    starts_on: date | None
    ends_on: date | None


def test_axis_runs_to_twelve_for_a_young_child():
    axis = axis_for(date(2018, 1, 1), date(2024, 1, 1))
    assert axis.years == 13  # ages 0..12


def test_axis_extends_to_the_current_age_of_an_older_child():
    axis = axis_for(date(2009, 6, 1), date(2024, 7, 1))
    assert axis.years == 16  # ages 0..15


def test_card_sits_at_the_age_of_its_date():
    axis = axis_for(BIRTH, TODAY)
    card = FakeCard("help", date(2021, 1, 1), date(2021, 12, 31))
    [placed] = place_cards(axis, [card])
    # 1 January 2021: 8 years and about 3 months old, so column 8 * 12 + 3 = 99 (lines are 1-based).
    assert placed.start_col == 100
    assert placed.end_col == placed.start_col + MIN_CARD_MONTHS


def test_school_year_lines_fall_on_the_first_of_august():
    axis = axis_for(BIRTH, TODAY)
    # 1 August 2013 is ten months after birth.
    assert axis.school_year_lines()[0] == 11


def test_current_age_is_marked_once():
    layout = lay_out(BIRTH, TODAY, [], [], [])
    current = [mark for mark in layout.ages if mark.is_current]
    assert [mark.age for mark in current] == [11]


def test_undated_cards_go_to_the_tray_not_the_grid():
    undated = FakeCard("life_event", None, None)
    layout = lay_out(BIRTH, TODAY, [undated], [], [])
    assert layout.unplaced == [undated]
    assert all(undated not in [p.item for p in row.items] for row in layout.rows)


def test_card_before_birth_is_clamped_and_flagged():
    axis = axis_for(BIRTH, TODAY)
    [placed] = place_cards(axis, [FakeCard("life_event", date(2010, 1, 1), date(2010, 12, 31))])
    assert placed.start_col == 1 and placed.before_axis


def test_empty_extra_rows_fold_and_full_rows_do_not():
    card = FakeCard("wellbeing", date(2020, 1, 1), date(2020, 1, 1))
    layout = lay_out(BIRTH, TODAY, [card], [], [])
    folded = {row.row.key for row in layout.folded_rows}
    assert folded == {"preschool", "policy"}
    assert "life_event" in {row.row.key for row in layout.shown_rows}


dates = st.dates(min_value=date(2008, 1, 1), max_value=date(2030, 12, 31))
intervals = st.tuples(dates, st.integers(min_value=0, max_value=2000)).map(
    lambda pair: (pair[0], pair[0] + timedelta(days=pair[1]))
)


@given(st.lists(intervals, min_size=1, max_size=60))
def test_cards_in_one_lane_never_overlap_and_none_is_dropped(spans):
    cards = [FakeCard("help", start, end) for start, end in spans]
    axis = axis_for(BIRTH, TODAY)
    placed = place_cards(axis, cards)
    assert sorted(id(p.item) for p in placed) == sorted(id(c) for c in cards)
    for p in placed:
        assert 1 <= p.start_col < p.end_col <= axis.columns + 1
    by_lane: dict[int, list] = {}
    for p in placed:
        by_lane.setdefault(p.lane, []).append((p.start_col, p.end_col))
    for lane in by_lane.values():
        lane.sort()
        for (_, end), (start, _) in zip(lane, lane[1:], strict=False):
            assert end <= start


def test_a_card_on_the_last_or_first_day_the_calendar_knows_is_clamped_not_an_error():
    """Rows from before the date ranges were checked must not break the page."""
    cards = [
        FakeCard("help", date.max, date.max),
        FakeCard("help", date.min, date.min),
        FakeCard("help", date(2020, 1, 1), date.max),
    ]
    layout = lay_out(BIRTH, TODAY, cards, [], [])
    placed = next(row for row in layout.rows if row.row.card_kind == "help").items
    assert {(p.before_axis, p.after_axis) for p in placed} == {(False, True), (True, False)}
    assert all(1 <= p.start_col < p.end_col <= layout.axis.columns + 1 for p in placed)


def test_a_date_of_birth_at_either_end_of_the_calendar_still_lays_out():
    lay_out(date.max, TODAY, [FakeCard("help", date(2020, 1, 1), date(2020, 2, 1))], [], [])
    lay_out(date.min, date(1, 6, 1), [FakeCard("help", date.max, date.max)], [], [])
