"""The group row and the age row of the timeline: a group box short in time still gets room
for its label, and today's mark on the age row leaves room for its label on the axis."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from rondom.career.spans import GroupSpan
from rondom.timeline.layout import (
    AGE_ROW_LANES,
    MIN_GROUP_MONTHS,
    NOW_LABEL_MONTHS,
    NowMark,
    Placed,
    lay_out,
    widen_into_free_room,
)

BIRTH = date(2016, 5, 14)
TODAY = date(2026, 11, 24)


def group(label: str, start: date, end: date) -> GroupSpan:
    return GroupSpan(label, label, start, end, repeated=False)


def group_row(layout) -> list[Placed]:
    return next(row for row in layout.rows if row.row.key == "group").items


def test_a_group_of_two_months_widens_back_into_the_empty_room_before_it():
    """Started school in June: group 1 lasted two months, then group 2 a whole year."""
    one = group("1", date(2020, 6, 1), date(2020, 7, 31))
    two = group("2", date(2020, 8, 1), date(2021, 7, 31))
    first, second = group_row(lay_out(BIRTH, TODAY, [], [], [one, two]))
    assert first.end_col - first.start_col == MIN_GROUP_MONTHS
    assert first.end_col == second.start_col  # still ends where group 2 begins
    assert (first.lane, second.lane) == (1, 1)
    assert second.end_col - second.start_col == 12


def test_a_short_group_between_two_others_keeps_its_place():
    items = [Placed("a", 1, 10), Placed("b", 10, 12), Placed("c", 12, 30)]
    widen_into_free_room(items, MIN_GROUP_MONTHS, 156)
    assert [(p.start_col, p.end_col) for p in items] == [(1, 10), (10, 12), (12, 30)]


def test_a_short_group_takes_what_room_there_is_before_and_then_after_it():
    items = [Placed("a", 1, 10), Placed("b", 11, 12), Placed("c", 14, 30)]
    widen_into_free_room(items, MIN_GROUP_MONTHS, 156)
    assert [(p.start_col, p.end_col) for p in items] == [(1, 10), (10, 14), (14, 30)]


def test_a_short_group_at_the_start_of_the_axis_widens_onwards():
    items = [Placed("a", 1, 2)]
    widen_into_free_room(items, MIN_GROUP_MONTHS, 156)
    assert (items[0].start_col, items[0].end_col) == (1, 1 + MIN_GROUP_MONTHS)


spans = st.tuples(st.integers(min_value=1, max_value=150), st.integers(min_value=1, max_value=14))


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@given(st.lists(spans, max_size=12))
def test_widening_never_makes_items_overlap_or_leave_the_axis(pairs):
    columns = 156
    items = [
        Placed(n, start, min(start + width, columns + 1)) for n, (start, width) in enumerate(pairs)
    ]
    before = [(p.start_col, p.end_col) for p in items]
    widen_into_free_room(items, MIN_GROUP_MONTHS, columns)
    after = [(p.start_col, p.end_col) for p in items]
    for (start, end), (new_start, new_end) in zip(before, after, strict=True):
        assert 1 <= new_start <= start and end <= new_end <= columns + 1
        assert new_end - new_start <= max(MIN_GROUP_MONTHS, end - start)
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if overlap(after[i], after[j]):
                assert overlap(before[i], before[j])


def test_the_age_row_has_a_lane_for_the_years_and_one_for_today():
    layout = lay_out(BIRTH, TODAY, [], [], [])
    age_row = next(row for row in layout.rows if row.row.key == "age")
    assert age_row.lanes == AGE_ROW_LANES == 2
    assert layout.now.style.endswith("grid-row: 2")


def test_todays_label_goes_after_the_mark_where_the_axis_has_room():
    layout = lay_out(BIRTH, TODAY, [], [], [])  # ten years old on an axis to twelve
    assert not layout.now.label_before
    assert layout.now.style.startswith(f"grid-column: {layout.today_line} / span")


def test_todays_label_goes_before_the_mark_near_the_end_of_the_axis():
    """An older child's axis ends in the year of today: no room after the mark."""
    layout = lay_out(date(2012, 10, 3), TODAY, [], [], [])
    now = layout.now
    assert now.label_before
    assert now.line + NOW_LABEL_MONTHS > layout.axis.columns + 1
    assert now.style == (
        f"grid-column: {now.line - NOW_LABEL_MONTHS} / {now.line}; grid-row: {AGE_ROW_LANES}"
    )


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 11, 1)))
def test_todays_mark_and_label_stay_on_the_axis(birth):
    layout = lay_out(birth, TODAY, [], [], [])
    now = NowMark(layout.today_line, layout.axis.columns)
    if now.label_before:
        assert now.line - NOW_LABEL_MONTHS >= 1 or now.style.startswith("grid-column: 1 /")
    else:
        assert now.line + NOW_LABEL_MONTHS <= layout.axis.columns + 1
