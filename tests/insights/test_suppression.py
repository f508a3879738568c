"""Small numbers: what is hidden, and that no shown line gives a hidden count away."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rondom.insights.suppression import Line, can_work_out, hidden_keys, share

FOUR = Line(("a", "b", "c", "d"), "total")


def hide(cells: list[int], k: int = 10) -> set[str]:
    values = dict(zip("abcd", cells, strict=True), total=sum(cells))
    return set(hidden_keys(values, [FOUR], k))


def test_counts_below_k_are_hidden_and_zero_is_too():
    assert hide([30, 40, 50, 60]) == set()
    assert hide([30, 40, 9, 8]) == {"c", "d"}
    assert hide([30, 40, 10, 11]) == set()


def test_a_second_cell_goes_when_one_alone_would_follow_from_the_total():
    # 3 alone: 100 - 30 - 40 - 27 would give it; the smallest other (27) goes as well.
    assert hide([30, 40, 3, 27]) == {"c", "d"}
    assert hide([0, 40, 30, 30]) == {"a", "c"}  # a tie: the first of the smallest


def test_hidden_cells_adding_up_to_nothing_take_one_more():
    # Two zeros hidden, but 40 + 60 = 100 shows they must be 0.
    assert hide([0, 0, 40, 60]) == {"a", "b", "c"}


def test_a_total_below_k_hides_the_whole_line():
    assert hide([3, 2, 1, 0]) == {"a", "b", "c", "d", "total"}


def test_k_of_one_hides_only_zeros_and_what_they_need():
    assert hide([0, 5, 6, 7], k=1) == {"a", "b"}
    assert hide([2, 5, 6, 7], k=1) == set()


def test_lines_sharing_a_total_are_each_protected():
    values = {"x1": 5, "x2": 45, "y1": 20, "y2": 30, "n": 50}
    lines = [Line(("x1", "x2"), "n"), Line(("y1", "y2"), "n")]
    assert hidden_keys(values, lines, 10) == {"x1", "x2"}


def test_a_line_without_a_total_protects_only_its_own_cells():
    assert hidden_keys({"r1": 3, "r2": 40}, [Line(("r1", "r2"))], 10) == {"r1"}


def test_k_must_be_at_least_one():
    with pytest.raises(ValueError):
        hidden_keys({"a": 1}, [], 0)


def test_a_share_rests_on_shown_counts_only():
    assert share(25, 100, False, False) == 25.0
    assert share(1, 3, False, False) == 33.3
    assert share(25, 100, True, False) is None
    assert share(25, 100, False, True) is None
    assert share(0, 0, False, False) is None


cells = st.lists(st.integers(min_value=0, max_value=60), min_size=2, max_size=6)


@given(
    lines=st.lists(cells, min_size=1, max_size=4),
    shared_total=st.booleans(),
    k=st.integers(min_value=1, max_value=15),
)
def test_no_shown_line_lets_a_hidden_count_be_worked_out(lines, shared_total, k):
    """Lines of any length, some sharing one total as the domains share the number of
    children: every count below k is hidden, and no line whose total is shown leaves a
    hidden cell that follows from the shown ones."""
    values, structure = {}, []
    if shared_total:
        # Lines that partition the same total, as each domain partitions the children.
        total = sum(lines[0])
        lines = [_scaled(cells, total) for cells in lines]
        values["T"] = total
    for n, line_cells in enumerate(lines):
        keys = tuple(f"{n}.{i}" for i in range(len(line_cells)))
        values.update(zip(keys, line_cells, strict=True))
        total_key = "T" if shared_total else f"{n}.total"
        values.setdefault(total_key, sum(line_cells))
        structure.append(Line(keys, total_key))

    hidden = hidden_keys(values, structure, k)

    assert {key for key, value in values.items() if value < k} <= hidden
    for line in structure:
        assert not can_work_out(line, values, hidden), (line, values, hidden)
    # Nothing is hidden that no rule asks for: every hidden cell is small, or sits in a line
    # that needed a second cell.
    for key in hidden:
        assert values[key] < k or any(key in line.cells for line in structure)


def _scaled(cells: list[int], total: int) -> list[int]:
    """Cells with the same total as the first line: spread `total` in the given proportions."""
    weight = sum(cells) or 1
    out = [total * value // weight for value in cells]
    out[-1] += total - sum(out)
    return out
