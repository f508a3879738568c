import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from rondom.core.dates import school_year_bounds
from rondom.core.fuzzy_dates import (
    FuzzyDate,
    FuzzyDateError,
    Precision,
    parse_fuzzy_date,
    resolve_groups,
)

TODAY = date(2025, 6, 15)  # latest accepted year: 2027; "26" is 2026, "27" is 1927
D = date


def parse(text: str) -> FuzzyDate:
    return parse_fuzzy_date(text, today=TODAY)


def interval(text: str) -> tuple[date | None, date | None, Precision]:
    result = parse(text)
    return result.start, result.end, result.precision


DAY, MONTH, SEASON, YEAR = Precision.DAY, Precision.MONTH, Precision.SEASON, Precision.YEAR
SCHOOL_YEAR, PERIOD = Precision.SCHOOL_YEAR, Precision.PERIOD

EXAMPLES = [
    # day
    ("30-3-2015", D(2015, 3, 30), D(2015, 3, 30), DAY),
    ("30/3/2015", D(2015, 3, 30), D(2015, 3, 30), DAY),
    ("30.3.2015", D(2015, 3, 30), D(2015, 3, 30), DAY),
    ("30-03-2015", D(2015, 3, 30), D(2015, 3, 30), DAY),
    ("2015-03-30", D(2015, 3, 30), D(2015, 3, 30), DAY),
    ("3 maart 2015", D(2015, 3, 3), D(2015, 3, 3), DAY),
    ("3 mrt 2015", D(2015, 3, 3), D(2015, 3, 3), DAY),
    ("3 mrt. 2015", D(2015, 3, 3), D(2015, 3, 3), DAY),
    ("3 March 2015", D(2015, 3, 3), D(2015, 3, 3), DAY),
    ("3rd March 2015", D(2015, 3, 3), D(2015, 3, 3), DAY),
    ("March 3, 2015", D(2015, 3, 3), D(2015, 3, 3), DAY),
    ("17 okt 2010", D(2010, 10, 17), D(2010, 10, 17), DAY),
    ("29-2-2020", D(2020, 2, 29), D(2020, 2, 29), DAY),
    ("30-3-15", D(2015, 3, 30), D(2015, 3, 30), DAY),
    ("1-1-26", D(2026, 1, 1), D(2026, 1, 1), DAY),  # one year ahead: still this century
    ("1-1-27", D(1927, 1, 1), D(1927, 1, 1), DAY),  # further ahead: last century
    ("5-7-98", D(1998, 7, 5), D(1998, 7, 5), DAY),
    ("3 maart '15", D(2015, 3, 3), D(2015, 3, 3), DAY),
    # month
    ("maart 2015", D(2015, 3, 1), D(2015, 3, 31), MONTH),
    ("mrt 2015", D(2015, 3, 1), D(2015, 3, 31), MONTH),
    ("3-2015", D(2015, 3, 1), D(2015, 3, 31), MONTH),
    ("03/2015", D(2015, 3, 1), D(2015, 3, 31), MONTH),
    ("March 2015", D(2015, 3, 1), D(2015, 3, 31), MONTH),
    ("feb 2016", D(2016, 2, 1), D(2016, 2, 29), MONTH),
    ("februari 2015", D(2015, 2, 1), D(2015, 2, 28), MONTH),
    ("mei 2015", D(2015, 5, 1), D(2015, 5, 31), MONTH),
    ("May 2015", D(2015, 5, 1), D(2015, 5, 31), MONTH),
    ("sept 2015", D(2015, 9, 1), D(2015, 9, 30), MONTH),
    ("okt 2015", D(2015, 10, 1), D(2015, 10, 31), MONTH),
    ("Oct 2015", D(2015, 10, 1), D(2015, 10, 31), MONTH),
    ("DECEMBER 2015", D(2015, 12, 1), D(2015, 12, 31), MONTH),
    # season
    ("voorjaar 2019", D(2019, 3, 1), D(2019, 5, 31), SEASON),
    ("lente 2019", D(2019, 3, 1), D(2019, 5, 31), SEASON),
    ("spring 2019", D(2019, 3, 1), D(2019, 5, 31), SEASON),
    ("zomer 2020", D(2020, 6, 1), D(2020, 8, 31), SEASON),
    ("summer 2020", D(2020, 6, 1), D(2020, 8, 31), SEASON),
    ("zomer van 2020", D(2020, 6, 1), D(2020, 8, 31), SEASON),
    ("herfst 2022", D(2022, 9, 1), D(2022, 11, 30), SEASON),
    ("najaar 2022", D(2022, 9, 1), D(2022, 11, 30), SEASON),
    ("autumn 2022", D(2022, 9, 1), D(2022, 11, 30), SEASON),
    ("fall 2022", D(2022, 9, 1), D(2022, 11, 30), SEASON),
    ("winter 2020", D(2020, 12, 1), D(2021, 2, 28), SEASON),
    ("winter 2023", D(2023, 12, 1), D(2024, 2, 29), SEASON),
    ("begin 2020", D(2020, 1, 1), D(2020, 4, 30), SEASON),
    ("begin van 2020", D(2020, 1, 1), D(2020, 4, 30), SEASON),
    ("early 2020", D(2020, 1, 1), D(2020, 4, 30), SEASON),
    ("midden 2020", D(2020, 5, 1), D(2020, 8, 31), SEASON),
    ("medio 2020", D(2020, 5, 1), D(2020, 8, 31), SEASON),
    ("mid-2020", D(2020, 5, 1), D(2020, 8, 31), SEASON),
    ("eind 2020", D(2020, 9, 1), D(2020, 12, 31), SEASON),
    ("late 2020", D(2020, 9, 1), D(2020, 12, 31), SEASON),
    ("end of 2020", D(2020, 9, 1), D(2020, 12, 31), SEASON),
    # year
    ("2021", D(2021, 1, 1), D(2021, 12, 31), YEAR),
    ("1900", D(1900, 1, 1), D(1900, 12, 31), YEAR),
    ("2027", D(2027, 1, 1), D(2027, 12, 31), YEAR),
    # school year
    ("schooljaar 2019/2020", D(2019, 8, 1), D(2020, 7, 31), SCHOOL_YEAR),
    ("schooljaar 2019-2020", D(2019, 8, 1), D(2020, 7, 31), SCHOOL_YEAR),
    ("Schooljaar 2019 / 2020", D(2019, 8, 1), D(2020, 7, 31), SCHOOL_YEAR),
    ("school year 2019/2020", D(2019, 8, 1), D(2020, 7, 31), SCHOOL_YEAR),
    ("sj 2019/2020", D(2019, 8, 1), D(2020, 7, 31), SCHOOL_YEAR),
    ("sj 2019/20", D(2019, 8, 1), D(2020, 7, 31), SCHOOL_YEAR),
    ("2019/2020", D(2019, 8, 1), D(2020, 7, 31), SCHOOL_YEAR),
    # period
    ("2018-2019", D(2018, 1, 1), D(2019, 12, 31), PERIOD),
    ("2018\u20132019", D(2018, 1, 1), D(2019, 12, 31), PERIOD),
    ("2018 - 2019", D(2018, 1, 1), D(2019, 12, 31), PERIOD),
    ("2018 \u2014 2019", D(2018, 1, 1), D(2019, 12, 31), PERIOD),
    ("maart 2015 - juni 2016", D(2015, 3, 1), D(2016, 6, 30), PERIOD),
    ("maart 2015-juni 2016", D(2015, 3, 1), D(2016, 6, 30), PERIOD),
    ("3-2015 - 6-2016", D(2015, 3, 1), D(2016, 6, 30), PERIOD),
    ("30-3-2015 - 1-4-2015", D(2015, 3, 30), D(2015, 4, 1), PERIOD),
    ("2015-03-30 - 2016", D(2015, 3, 30), D(2016, 12, 31), PERIOD),
    ("zomer 2019 - 2020", D(2019, 6, 1), D(2020, 12, 31), PERIOD),
    ("van 2016 tot 2018", D(2016, 1, 1), D(2018, 12, 31), PERIOD),
    ("van maart 2016 tot en met mei 2016", D(2016, 3, 1), D(2016, 5, 31), PERIOD),
    ("2016 t/m 2018", D(2016, 1, 1), D(2018, 12, 31), PERIOD),
    ("from 2016 to 2018", D(2016, 1, 1), D(2018, 12, 31), PERIOD),
    ("tussen 2016 en 2018", D(2016, 1, 1), D(2018, 12, 31), PERIOD),
    ("2018 - 2018", D(2018, 1, 1), D(2018, 12, 31), PERIOD),
    ("2019 - nu", D(2019, 1, 1), TODAY, PERIOD),
    ("2019 \u2013 heden", D(2019, 1, 1), TODAY, PERIOD),
    ("2019 - now", D(2019, 1, 1), TODAY, PERIOD),
    ("van 2019 tot nu", D(2019, 1, 1), TODAY, PERIOD),
    ("2019 tot nu toe", D(2019, 1, 1), TODAY, PERIOD),
    ("2015?", D(2015, 1, 1), D(2015, 12, 31), YEAR),
    ("sinds 2019", D(2019, 1, 1), TODAY, PERIOD),
    ("vanaf 2019", D(2019, 1, 1), TODAY, PERIOD),
    ("since 2019", D(2019, 1, 1), TODAY, PERIOD),
    ("sinds maart 2019", D(2019, 3, 1), TODAY, PERIOD),
    ("vanaf 2015-03-30", D(2015, 3, 30), TODAY, PERIOD),
    ("sinds schooljaar 2019/2020", D(2019, 8, 1), TODAY, PERIOD),
    # hedges, trailing period, whitespace and case
    ("ongeveer 2015", D(2015, 1, 1), D(2015, 12, 31), YEAR),
    ("rond maart 2015", D(2015, 3, 1), D(2015, 3, 31), MONTH),
    ("circa 2015", D(2015, 1, 1), D(2015, 12, 31), YEAR),
    ("ca. 2015", D(2015, 1, 1), D(2015, 12, 31), YEAR),
    ("about 2015", D(2015, 1, 1), D(2015, 12, 31), YEAR),
    ("around summer 2020", D(2020, 6, 1), D(2020, 8, 31), SEASON),
    ("\u00b1 2015", D(2015, 1, 1), D(2015, 12, 31), YEAR),
    ("in 2015", D(2015, 1, 1), D(2015, 12, 31), YEAR),
    ("ongeveer in de zomer van 2020.", D(2020, 6, 1), D(2020, 8, 31), SEASON),
    ("ongeveer 2016 - ongeveer 2017", D(2016, 1, 1), D(2017, 12, 31), PERIOD),
    ("2015.", D(2015, 1, 1), D(2015, 12, 31), YEAR),
    ("  MAART \t  2015  ", D(2015, 3, 1), D(2015, 3, 31), MONTH),
]


@pytest.mark.parametrize(("text", "start", "end", "precision"), EXAMPLES)
def test_examples(text, start, end, precision):
    assert interval(text) == (start, end, precision)


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("groep 4", ("4",)),
        ("gr 4", ("4",)),
        ("gr. 4", ("4",)),
        ("gr4", ("4",)),
        ("group 4", ("4",)),
        ("Groep 8", ("8",)),
        ("in groep 7", ("7",)),
        ("groep 1/2", ("1", "2")),
        ("groep 1-2", ("1", "2")),
        ("groep 5 en 6", ("5", "6")),
        ("peutergroep", ("peuter",)),
        ("peuterspeelzaal", ("peuter",)),
        ("Peuters", ("peuter",)),
        ("voorschool", ("peuter",)),
        # A stretch of the career: from a group on, or up to one.
        ("sinds groep 5", ("5", "6", "7", "8")),
        ("Vanaf groep 3", ("3", "4", "5", "6", "7", "8")),
        ("van gr. 7", ("7", "8")),
        ("since group 8", ("8",)),
        ("ongeveer sinds groep 5", ("5", "6", "7", "8")),
        ("vanaf groep 1/2", ("1", "2", "3", "4", "5", "6", "7", "8")),
        ("tot groep 6", ("1", "2", "3", "4", "5")),
        ("tot groep 2", ("1",)),
        ("until group 3", ("1", "2")),
        ("t/m groep 6", ("1", "2", "3", "4", "5", "6")),
        ("tot en met groep 2", ("1", "2")),
        ("t/m groep 1/2", ("1", "2")),
    ],
)
def test_groups(text, groups):
    result = parse(text)
    assert (result.precision, result.groups) == (Precision.GROUP, groups)
    assert (result.start, result.end, result.is_placed) == (None, None, False)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\n\t", "weet ik niet", "toen hij klein was", "onbekend", "Jan weet het", "begin"],
)
def test_no_date(text):
    result = parse(text)
    assert (result.start, result.end, result.precision) == (None, None, Precision.NONE)
    assert not result.is_placed


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("31-02-2020", "invalid_day"),
        ("30-2-2020", "invalid_day"),
        ("29-2-2019", "invalid_day"),
        ("31-4-2020", "invalid_day"),
        ("32-1-2020", "invalid_day"),
        ("0-1-2020", "invalid_day"),
        ("2015-02-30", "invalid_day"),
        ("31 april 2020", "invalid_day"),
        ("30-13-2020", "invalid_month"),
        ("1-0-2020", "invalid_month"),
        ("13-2015", "invalid_month"),
        ("0/2015", "invalid_month"),
        ("groep 12", "unknown_group"),
        ("groep 0", "unknown_group"),
        ("groep 9", "unknown_group"),
        ("groep 3/5", "unknown_group"),
        ("groep 2/1", "unknown_group"),
        ("sinds groep 9", "unknown_group"),
        ("tot groep 12", "unknown_group"),
        ("t/m groep 0", "unknown_group"),
        ("tot groep 1", "before_group_1"),
        ("tot groep 1/2", "before_group_1"),
        ("1899", "year_out_of_range"),
        ("maart 1850", "year_out_of_range"),
        ("2028", "year_out_of_range"),
        ("30-3-2030", "year_out_of_range"),
        ("schooljaar 2030/2031", "year_out_of_range"),
        ("1850 - 1860", "year_out_of_range"),
        ("2019-2018", "end_before_start"),
        ("juni 2016 - maart 2015", "end_before_start"),
        ("van 2018 tot 2016", "end_before_start"),
        ("sinds 2026", "end_before_start"),
        ("2026 - nu", "end_before_start"),
        ("schooljaar 2019/2021", "school_year_mismatch"),
        ("sj 2019/2019", "school_year_mismatch"),
        ("sj 2019/21", "school_year_mismatch"),
        ("2019/2021", "school_year_mismatch"),
        ("maart", "missing_year"),
        ("herfst", "missing_year"),
        ("Mrt", "missing_year"),
        ("3 maart", "missing_year"),
        ("in de zomer", "missing_year"),
        ("ergens in maart of april", "missing_year"),
        ("32-13", "unreadable"),
        ("2015-13-45", "unreadable"),
        ("maartt 2015", "unreadable"),
        ("toen hij 3 was", "unreadable"),
        ("2015-2016-2017", "unreadable"),
        ("30 3 2015", "unreadable"),
        ("groep", "unreadable"),
        ("schooljaar", "unreadable"),
        ("groep 3 - groep 5", "unreadable"),
        ("van groep 3 tot groep 6", "unreadable"),
        ("sinds groep", "unreadable"),
    ],
)
def test_errors(text, code):
    with pytest.raises(FuzzyDateError) as caught:
        parse(text)
    assert caught.value.code == code


def test_error_params_are_plain_data():
    with pytest.raises(FuzzyDateError) as caught:
        parse("31-02-2020")
    assert caught.value.params == {"day": 31, "month": 2, "year": 2020}
    with pytest.raises(FuzzyDateError) as caught:
        parse("2028")
    assert caught.value.params == {"year": 2028, "min": 1900, "max": 2027}


def test_text_is_kept_stripped():
    assert parse("  Maart 2015. ").text == "Maart 2015."
    assert parse("  ").text == ""


def test_default_today_is_used_for_open_ranges():
    assert parse_fuzzy_date("sinds 2019").end == date.today()


def test_school_year_bounds():
    assert school_year_bounds(2019) == (D(2019, 8, 1), D(2020, 7, 31))


# --- messages ---------------------------------------------------------------------------------


@pytest.fixture
def english():
    """Messages can only be rendered with Django settings; keep them in English for the test."""
    from django.conf import settings
    from django.utils import translation

    if not settings.configured:
        settings.configure(USE_I18N=False)
    with translation.override("en"):
        yield


MESSAGE_CASES = [
    ("31-02-2020", "February 2020 has no day 31. Please check the day and the month."),
    ("30-13-2020", "There is no month 13."),
    ("groep 3/5", "There is no group 3/5."),
    ("1899", "We cannot use the year 1899. Choose a year from 1900 to 2027."),
    ("2019-2018", "This period ends before it starts."),
    ("schooljaar 2019/2021", "2019/2021 is not a school year."),
    ("maart", "Which year was it? Please add the year"),
    ("maartt 2015", "We cannot read this date."),
    ("tot groep 1", "Group 1 is the first group, so nothing comes before it."),
]


@pytest.mark.parametrize(("text", "expected"), MESSAGE_CASES)
def test_messages(english, text, expected):
    from django.utils.functional import Promise

    with pytest.raises(FuzzyDateError) as caught:
        parse(text)
    message = caught.value.message
    assert isinstance(message, Promise)
    assert str(message).startswith(expected)


def test_parser_never_needs_django_settings():
    """Parsing and raising must not evaluate a lazy string (no settings in this process)."""
    script = (
        "from datetime import date\n"
        "from rondom.core.fuzzy_dates import FuzzyDateError, parse_fuzzy_date\n"
        f"for text in {[text for text, _ in MESSAGE_CASES]!r}:\n"
        "    try:\n"
        "        parse_fuzzy_date(text, date(2025, 6, 15))\n"
        "    except FuzzyDateError as error:\n"
        "        error.message, repr(error), error.params\n"
        "print('ok')\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    src = str(Path(__file__).resolve().parents[2] / "src")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


# --- resolve_groups ---------------------------------------------------------------------------

CAREER = [
    ("peuter", D(2012, 8, 1), D(2013, 7, 31)),
    ("1", *school_year_bounds(2013)),
    ("2", *school_year_bounds(2014)),
    ("3", *school_year_bounds(2015)),
    ("3", *school_year_bounds(2016)),  # repeated year
    ("4", *school_year_bounds(2017)),
]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("groep 3", D(2015, 8, 1), D(2017, 7, 31)),
        ("groep 1/2", D(2013, 8, 1), D(2015, 7, 31)),
        ("peutergroep", D(2012, 8, 1), D(2013, 7, 31)),
        ("groep 4", D(2017, 8, 1), D(2018, 7, 31)),
        ("groep 6", None, None),
        # From group 3 on, as far as the career goes; up to group 3; up to and including it.
        ("sinds groep 3", D(2015, 8, 1), D(2018, 7, 31)),
        ("vanaf groep 4", D(2017, 8, 1), D(2018, 7, 31)),
        ("tot groep 3", D(2013, 8, 1), D(2015, 7, 31)),
        ("t/m groep 3", D(2013, 8, 1), D(2017, 7, 31)),
        ("tot groep 8", D(2013, 8, 1), D(2018, 7, 31)),
        ("sinds groep 5", None, None),  # the career has not got that far
    ],
)
def test_resolve_groups(text, start, end):
    resolved = resolve_groups(parse(text), CAREER)
    assert (resolved.start, resolved.end) == (start, end)
    assert resolved.precision is Precision.GROUP
    assert resolved.is_placed == (start is not None)


def test_resolve_groups_reads_career_labels_loosely():
    career = [("Groep 1/2", *school_year_bounds(2013)), ("groep 2", *school_year_bounds(2014))]
    resolved = resolve_groups(parse("groep 2"), career)
    assert (resolved.start, resolved.end) == (D(2013, 8, 1), D(2015, 7, 31))


def test_resolve_groups_leaves_other_precisions_alone():
    value = parse("2015")
    assert resolve_groups(value, CAREER) is value
