"""Properties of the date parser, checked on many generated dates (hypothesis)."""

import calendar

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from rondom.core.dates import school_year_bounds
from rondom.core.fuzzy_dates import FuzzyDateError, Precision, parse_fuzzy_date, resolve_groups

from .test_fuzzy_dates import TODAY, D, interval, parse

NL_MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip
EN_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
NL_SHORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
EN_SHORT = [name[:3] for name in EN_MONTHS]


def nl(d):
    return NL_MONTHS[d.month - 1]


DAY_FORMATS = [
    lambda d: f"{d.day}-{d.month}-{d.year}",
    lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
    lambda d: f"{d.day}/{d.month}/{d.year}",
    lambda d: f"{d.day}.{d.month}.{d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{d.day} {nl(d)} {d.year}",
    lambda d: f"{d.day} {NL_SHORT[d.month - 1]} {d.year}",
    lambda d: f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}",
]
MONTH_FORMATS = [
    lambda d: f"{nl(d)} {d.year}",
    lambda d: f"{NL_SHORT[d.month - 1]} {d.year}",
    lambda d: f"{EN_MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{EN_SHORT[d.month - 1]} {d.year}",
    lambda d: f"{d.month}-{d.year}",
    lambda d: f"{d.month:02d}/{d.year}",
]


def season(d, words=("winter", "lente", "zomer", "herfst")):
    # Meteorological: December belongs to the winter named after its own year, Jan/Feb to the
    # winter of the year before.
    year = d.year - 1 if d.month < 3 else d.year
    return f"{words[d.month % 12 // 3]} {year}"


def third(d):
    return f"{['begin', 'midden', 'eind'][(d.month - 1) // 4]} {d.year}"


def school_year(d):
    first = d.year if d.month >= 8 else d.year - 1
    return f"schooljaar {first}/{first + 1}"


SEASON_FORMATS = [season, lambda d: season(d, ("winter", "spring", "summer", "autumn")), third]
OTHER_FORMATS = [lambda d: str(d.year), school_year]
ALL_FORMATS = DAY_FORMATS + MONTH_FORMATS + SEASON_FORMATS + OTHER_FORMATS

# From 1901 so that "winter 1900" is the earliest season a generated date needs.
dates = st.dates(min_value=D(1901, 1, 1), max_value=D(TODAY.year + 2, 12, 31))


@given(dates, st.sampled_from(ALL_FORMATS))
def test_interval_contains_the_date(d, fmt):
    result = parse(fmt(d))
    assert result.start <= d <= result.end


@given(dates, st.sampled_from(DAY_FORMATS))
def test_day_precision_is_exact(d, fmt):
    assert interval(fmt(d)) == (d, d, Precision.DAY)


@given(st.text())
def test_arbitrary_text_never_crashes(text):
    try:
        result = parse(text)
    except FuzzyDateError:
        return
    assert result.is_placed == (result.start is not None)
    if result.is_placed:
        assert result.start <= result.end


@given(st.text(alphabet="0123456789-/.' abcdegijlmnoprstuvz\u2013", max_size=30))
def test_date_like_text_never_crashes(text):
    try:
        result = parse(text)
    except FuzzyDateError:
        return
    if result.is_placed:
        assert result.start <= result.end


@given(
    dates,
    st.sampled_from(ALL_FORMATS),
    dates,
    st.sampled_from(ALL_FORMATS),
    st.sampled_from([" - ", " \u2013 ", " tot ", " t/m "]),
)
def test_ranges(a, fmt_a, b, fmt_b, separator):
    first, last = parse(fmt_a(a)), parse(fmt_b(b))
    text = fmt_a(a) + separator + fmt_b(b)
    if last.end < first.start:
        with pytest.raises(FuzzyDateError) as caught:
            parse(text)
        assert caught.value.code == "end_before_start"
    else:
        assert interval(text) == (first.start, last.end, Precision.PERIOD)


@given(dates, st.sampled_from(ALL_FORMATS))
def test_since_runs_until_today(d, fmt):
    first = parse(fmt(d))
    assume(first.start <= TODAY)
    assert interval(f"sinds {fmt(d)}") == (first.start, TODAY, Precision.PERIOD)


INVALID_DAY_FORMATS = [
    lambda day, month, year: f"{day}-{month}-{year}",
    lambda day, month, year: f"{day:02d}/{month:02d}/{year}",
    lambda day, month, year: f"{year}-{month:02d}-{day:02d}",
    lambda day, month, year: f"{day} {NL_MONTHS[month - 1]} {year}",
    lambda day, month, year: f"{day} {EN_SHORT[month - 1]} {year}",
]


@given(st.integers(1900, 2027), st.integers(1, 12), st.data())
def test_invalid_day_numbers(year, month, data):
    last = calendar.monthrange(year, month)[1]
    day = data.draw(st.sampled_from([0, *range(last + 1, 100)]))
    fmt = data.draw(st.sampled_from(INVALID_DAY_FORMATS))
    with pytest.raises(FuzzyDateError) as caught:
        parse(fmt(day, month, year))
    assert caught.value.code == "invalid_day"
    assert caught.value.params == {"day": day, "month": month, "year": year}


LABELS = ["peuter", "1", "2", "3", "4", "5", "6", "7", "8"]


@given(
    st.lists(st.tuples(st.sampled_from(LABELS), st.integers(2000, 2024)), max_size=12),
    st.sampled_from(
        ["peutergroep", *(f"groep {n}" for n in range(1, 9)), "groep 1/2", "gr 5-6"]
        + [f"{word} groep {n}" for word in ("sinds", "t/m") for n in range(1, 9)]
        + [f"tot groep {n}" for n in range(2, 9)]
    ),
)
def test_resolve_groups_is_the_hull_of_matching_years(career, text):
    value = parse(text)
    group_years = [(label, *school_year_bounds(year)) for label, year in career]
    matching = [(start, end) for label, start, end in group_years if label in value.groups]
    resolved = resolve_groups(value, group_years)
    if matching:
        assert resolved.start == min(start for start, _ in matching)
        assert resolved.end == max(end for _, end in matching)
        assert resolved.is_placed
    else:
        assert (resolved.start, resolved.end, resolved.is_placed) == (None, None, False)
    assert (resolved.groups, resolved.text) == (value.groups, value.text)


@given(
    dates,
    st.sampled_from(ALL_FORMATS),
    st.sampled_from([str.upper, str.lower, str.title, str.swapcase]),
    st.integers(1, 4),
    st.sampled_from(["", " ", "\t", "  \n"]),
    st.booleans(),
)
def test_whitespace_and_case_do_not_matter(d, fmt, case, spaces, padding, period):
    text = fmt(d)
    varied = padding + case(text).replace(" ", " " * spaces) + ("." if period else "") + padding
    assert interval(varied) == interval(text)


def test_whitespace_variation_of_a_range():
    assert interval("  Maart   2015\t-  JUNI 2016. ") == interval("maart 2015 - juni 2016")


def test_year_limit_follows_today():
    assert parse_fuzzy_date("2028", today=D(2026, 1, 1)).precision is Precision.YEAR
    assert parse_fuzzy_date("1-1-28", today=D(2027, 1, 1)).start == D(2028, 1, 1)
    assert parse_fuzzy_date("1-1-28", today=D(2026, 1, 1)).start == D(1928, 1, 1)
    assert parse_fuzzy_date("2019 - nu", today=D(2020, 2, 1)).end == D(2020, 2, 1)
