"""One rule for free text: ordinary line breaks and tabs, no other control characters."""

import pytest

from rondom.core.text import text_problem


@pytest.mark.parametrize(
    "text", ["gewoon", "regel 1\nregel 2", "a\r\nb", "kolom\tkolom", "Zoë – “quotes” 😀", ""]
)
def test_ordinary_text_is_fine(text):
    assert text_problem(text) is None


@pytest.mark.parametrize(
    "control", ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f"]
)
def test_control_characters_are_refused(control):
    assert "stuurteken" in text_problem(f"voor{control}na")


@pytest.mark.parametrize("half", ["\ud800", "\udfff"])
def test_half_a_surrogate_pair_is_refused(half):
    assert "kapotte tekens" in text_problem(f"half {half} teken")
