"""Turn dates as people remember them into intervals on the timeline.

Parents, school and youth care rarely know the exact day: they type "maart 2015", "zomer 2020",
"groep 4", "sinds groep 5" or "2018 - 2019". `parse_fuzzy_date` turns such text into an
inclusive interval (`start`, `end`) plus a `Precision`, or raises `FuzzyDateError` with a
stable `code` and a friendly, translatable `message`.

Seasons follow the meteorological seasons used by the KNMI: spring is March-May, summer
June-August, autumn September-November, and "winter 2020" is 1 December 2020 up to the end of
February 2021, so a winter is named after the year in which it starts. "begin", "midden" and
"eind" (early, mid, late) split a year into thirds: January-April, May-August and
September-December.

The parser is pure Python. Messages are lazy, so nothing here needs Django settings until a
message is actually shown.
"""

from __future__ import annotations

import calendar
import enum
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from rondom.core.limits import EARLIEST_REMEMBERED_YEAR, latest_remembered_year

from .date_errors import FuzzyDateError
from .dates import school_year_bounds


class Precision(enum.StrEnum):
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    SCHOOL_YEAR = "school_year"
    PERIOD = "period"  # a range "A - B" of two dates of any other precision
    GROUP = "group"  # "groep 4": the interval comes from the child's school career
    NONE = "none"  # no usable date: the card waits in the "not placed yet" tray


@dataclass(frozen=True)
class FuzzyDate:
    """A remembered date: what was typed, the interval it stands for and how precise it is."""

    text: str
    start: date | None
    end: date | None  # inclusive
    precision: Precision
    groups: tuple[str, ...] = ()  # for GROUP: normalised labels such as ("4",) or ("peuter",)

    @property
    def is_placed(self) -> bool:
        """True when the date can be put on the timeline."""
        return self.start is not None and self.end is not None


_MONTH_WORDS = (
    "januari jan january", "februari feb february", "maart mrt mar march", "april apr",
    "mei may", "juni jun june", "juli jul july", "augustus aug august",
    "september sep sept", "oktober okt october oct", "november nov", "december dec",
)  # fmt: skip
_MONTHS = {word: n for n, words in enumerate(_MONTH_WORDS, start=1) for word in words.split()}

# word -> (first month, number of months)
_SEASON_WORDS = (
    ("voorjaar lente spring", 3, 3),
    ("zomer summer", 6, 3),
    ("herfst najaar autumn fall", 9, 3),
    ("winter", 12, 3),
    ("begin start beginning early", 1, 4),
    ("midden medio middle mid", 5, 4),
    ("eind einde end late", 9, 4),
)
_SEASONS = {word: (first, count) for words, first, count in _SEASON_WORDS for word in words.split()}

# Words that make free text a date without a year. Names that are also ordinary words or
# first names ("Jan", "may", "fall") only count when they stand alone.
_NAMES_NEEDING_A_YEAR = frozenset({
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december", "january", "february", "march", "june", "july", "august",
    "october", "voorjaar", "lente", "zomer", "herfst", "najaar", "winter", "spring", "summer",
    "autumn",
})  # fmt: skip
_OTHER_DATE_WORDS = frozenset({"schooljaar", "groep"})
_NOW_WORDS = frozenset({"nu", "nu toe", "heden", "vandaag", "now", "today", "present"})

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
_HEDGES = re.compile(
    r"^(?:(?:ongeveer|omstreeks|rond|circa|ca\.?|about|around|in|during|tijdens)\s+"
    r"(?:(?:de|het|the)\s+)?|[~\u00b1]\s*)+"
)


def _normalise(text: str) -> str:
    """Lower case, single spaces, plain dashes; drop trailing "." or "?" and a leading "about"."""
    s = " ".join(text.casefold().translate(_DASHES).split())
    s = s.rstrip(" .?")
    return _HEDGES.sub("", s)


def _year(token: str, today: date) -> int:
    """A typed year ("2015", "15" or "'15") as a full year within the accepted range."""
    digits = token.lstrip("'")
    year = int(digits)
    if len(digits) == 2:
        # "15" means 2015, unless that lies more than a year ahead: then it is 19xx.
        year += 2000 if 2000 + year <= today.year + 1 else 1900
    earliest, latest = EARLIEST_REMEMBERED_YEAR, latest_remembered_year(today)
    if not earliest <= year <= latest:
        raise FuzzyDateError("year_out_of_range", year=year, min=earliest, max=latest)
    return year


def _span(year: int, first_month: int, months: int, precision: Precision) -> FuzzyDate:
    """`months` whole months from `first_month` of `year` on (a winter runs into next year)."""
    last = first_month + months - 2  # zero-based month index, counted from January of `year`
    end_year, end_month = year + last // 12, last % 12 + 1
    end = date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    return FuzzyDate("", date(year, first_month, 1), end, precision)


def _day(day: int, month: int, year: int) -> FuzzyDate:
    if not 1 <= month <= 12:
        raise FuzzyDateError("invalid_month", month=month)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise FuzzyDateError("invalid_day", day=day, month=month, year=year)
    exact = date(year, month, day)
    return FuzzyDate("", exact, exact, Precision.DAY)


# Handlers get a full match of one form. They return None when a word in it turns out not to
# be a date word, so the next form can try; they raise when the form fits but the date is wrong.
Handler = Callable[[re.Match[str], date], FuzzyDate | None]


def _month_number(token: str) -> int | None:
    """A month typed as a number or as a Dutch or English name; None if it is neither."""
    return int(token) if token.isdigit() else _MONTHS.get(token)


def _day_of(m: re.Match[str], today: date) -> FuzzyDate | None:
    month = _month_number(m["month"])
    return None if month is None else _day(int(m["day"]), month, _year(m["year"], today))


def _month_or_season(m: re.Match[str], today: date) -> FuzzyDate | None:
    if m["month"] in _SEASONS:
        return _span(_year(m["year"], today), *_SEASONS[m["month"]], Precision.SEASON)
    month = _month_number(m["month"])
    if month is None:
        return None
    year = _year(m["year"], today)
    if not 1 <= month <= 12:
        raise FuzzyDateError("invalid_month", month=month)
    return _span(year, month, 1, Precision.MONTH)


def _whole_year(m: re.Match[str], today: date) -> FuzzyDate:
    return _span(_year(m["year"], today), 1, 12, Precision.YEAR)


def _school_year(m: re.Match[str], today: date) -> FuzzyDate:
    first, second = _year(m["first"], today), m["second"]
    follows = first + 1 if len(second) == 4 else (first + 1) % 100  # "2019/20" is fine too
    if int(second) != follows:
        raise FuzzyDateError("school_year_mismatch", first=first, second=second)
    return FuzzyDate("", *school_year_bounds(first), Precision.SCHOOL_YEAR)


def _numbered_group(m: re.Match[str], today: date) -> FuzzyDate:
    numbers = [int(n) for n in (m["a"], m["b"]) if n is not None]
    in_range = all(1 <= n <= 8 for n in numbers)
    consecutive = len(numbers) == 1 or numbers[1] == numbers[0] + 1
    if not (in_range and consecutive):
        raise FuzzyDateError("unknown_group", group="/".join(str(n) for n in numbers))
    return FuzzyDate("", None, None, Precision.GROUP, tuple(str(n) for n in numbers))


def _toddler_group(m: re.Match[str], today: date) -> FuzzyDate:
    return FuzzyDate("", None, None, Precision.GROUP, ("peuter",))


# "sinds groep 5", "tot groep 6", "t/m groep 6": a stretch of the school career, written as the
# groups it covers, so that it is placed through the career the way "groep 4" is: from the
# first school year in one of those groups to the last. "sinds" reaches as far as the career
# goes; "tot" stops where the named group begins, "t/m" where it ends.
def _groups_since(m: re.Match[str], today: date) -> FuzzyDate:
    first = min(int(group) for group in _numbered_group(m, today).groups)
    return _groups(range(first, 9))


def _groups_until(m: re.Match[str], today: date) -> FuzzyDate:
    first = min(int(group) for group in _numbered_group(m, today).groups)
    if first == 1:
        raise FuzzyDateError("before_group_1")
    return _groups(range(1, first))


def _groups_through(m: re.Match[str], today: date) -> FuzzyDate:
    last = max(int(group) for group in _numbered_group(m, today).groups)
    return _groups(range(1, last + 1))


def _groups(numbers: range) -> FuzzyDate:
    return FuzzyDate("", None, None, Precision.GROUP, tuple(str(n) for n in numbers))


_TYPED_YEAR = r"(?P<year>\d{4}|'\d{2})"
_ORDINAL = r"(?:st|nd|rd|th)?"
_GROUP = r"(?:groep|group|gr\.?)\s*(?P<a>\d{1,3})(?:\s*(?:[-/+&]|en|and)\s*(?P<b>\d{1,3}))?"
_TODDLER = r"peutergroep|peuterspeelzaal|peuterklas|peuters?|voorschool|preschool|playgroup"
_FORM_PATTERNS: list[tuple[str, Handler]] = [
    (r"(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])-(?P<day>\d{2})", _day_of),  # ISO
    (r"(?P<day>\d\d?)(?P<sep>[-/.])(?P<month>\d\d?)(?P=sep)(?P<year>\d{4}|\d\d)", _day_of),
    (rf"(?P<day>\d{{1,2}}){_ORDINAL}\s*(?P<month>[a-z]+)\.?,?\s*{_TYPED_YEAR}", _day_of),
    (rf"(?P<month>[a-z]+)\.?\s*(?P<day>\d{{1,2}}){_ORDINAL},?\s+{_TYPED_YEAR}", _day_of),
    (r"(?P<month>\d{1,2})[-/.](?P<year>\d{4})", _month_or_season),
    (r"(?:schooljaar|school ?year|sj)\.?\s*(?P<first>\d{4})\s*[-/]\s*(?P<second>\d{4}|\d{2})",
     _school_year),
    (r"(?P<first>\d{4})\s*/\s*(?P<second>\d{4})", _school_year),
    (rf"(?P<month>[a-z]+)\.?(?:\s+(?:van|of)\s+|\s*-\s*|\s*){_TYPED_YEAR}", _month_or_season),
    (r"(?P<year>\d{4})", _whole_year),
    (_GROUP, _numbered_group),
    (_TODDLER, _toddler_group),
    (rf"(?:sinds|vanaf|van|since|from)\s+{_GROUP}", _groups_since),
    (rf"(?:tot en met|t/m|through)\s+{_GROUP}", _groups_through),
    (rf"(?:tot|until|till)\s+{_GROUP}", _groups_until),
]  # fmt: skip
_FORMS = [(re.compile(pattern, re.ASCII), handler) for pattern, handler in _FORM_PATTERNS]


def _parse_single(s: str, today: date) -> FuzzyDate | None:
    """Parse one date that is not a range; None if no form fits."""
    for pattern, handler in _FORMS:
        match = pattern.fullmatch(s)
        if match and (result := handler(match, today)) is not None:
            return result
    return None


_BETWEEN = re.compile(r"(?:tussen|between)\s+(?P<a>.+?)\s+(?:en|and)\s+(?P<b>.+)")
_SINCE = re.compile(r"(?:sinds|vanaf|van|since|from)\s+(?P<rest>.+)")
# Spelled-out and spaced separators come first: "2015-03-30 - 2016" must split at " - ".
_SEPARATORS = (
    re.compile(r"\s+(?:tot en met|t/m|tot|to|until|till)\s+"),
    re.compile(r"\s+-\s*|\s*-\s+"),
    re.compile(r"-"),
)


def _split_points(s: str) -> Iterator[tuple[str, str]]:
    for separator in _SEPARATORS:
        for m in separator.finditer(s):
            yield s[: m.start()], s[m.end() :]


def _period(first_text: str, last_text: str, today: date) -> FuzzyDate | None:
    first = _parse_single(_normalise(first_text), today)
    if first is None or first.start is None:
        return None
    if last_text.strip() in _NOW_WORDS:
        end = today
    else:
        last = _parse_single(_normalise(last_text), today)
        if last is None or last.end is None:
            return None
        end = last.end
    if end < first.start:
        raise FuzzyDateError("end_before_start")
    return FuzzyDate("", first.start, end, Precision.PERIOD)


def _parse_range(s: str, today: date) -> FuzzyDate | None:
    """Parse "A - B", "van A tot B", "A - nu", "sinds A"; None if no split gives two dates."""
    if between := _BETWEEN.fullmatch(s):
        candidates: list[tuple[str, str]] = [(between["a"], between["b"])]
    elif since := _SINCE.fullmatch(s):
        candidates = [(since["rest"], "nu"), *_split_points(since["rest"])]
    else:
        candidates = list(_split_points(s))
    # A wrong split may hit an error while a later one reads fine, so report an error only
    # when no split works.
    first_error: FuzzyDateError | None = None
    for first_text, last_text in candidates:
        try:
            result = _period(first_text, last_text, today)
        except FuzzyDateError as error:
            first_error = first_error or error
            continue
        if result is not None:
            return result
    if first_error is not None:
        raise first_error
    return None


_LONE_MONTH = re.compile(r"(?:\d{1,2}\s*)?(?P<word>[a-z]+)", re.ASCII)


def _raise_if_date_like(s: str) -> None:
    """Explain why text that no form reads is not a date; free text just goes unplaced."""
    words = set(re.findall(r"[a-z]+", s))
    lone = _LONE_MONTH.fullmatch(s)  # "maart", "3 mrt"
    has_digit = any(ch.isdigit() for ch in s)
    if (lone and lone["word"] in _MONTHS) or (not has_digit and words & _NAMES_NEEDING_A_YEAR):
        raise FuzzyDateError("missing_year")
    if has_digit or words & _OTHER_DATE_WORDS:
        raise FuzzyDateError("unreadable")


def parse_fuzzy_date(text: str, today: date | None = None) -> FuzzyDate:
    """Parse a remembered date such as "30-3-2015", "zomer 2020", "2018 - 2019" or "groep 4".

    Empty input and free text without a date ("weet ik niet") give Precision.NONE. Raises
    FuzzyDateError for text that looks like a date but cannot be used.
    """
    today = today or date.today()
    text = text.strip()
    s = _normalise(text)
    if s:
        result = _parse_single(s, today) or _parse_range(s, today)
        if result is not None:
            return replace(result, text=text)
        _raise_if_date_like(s)
    return FuzzyDate(text, None, None, Precision.NONE)


_TODDLER_LABEL = re.compile(_TODDLER, re.ASCII)
_GROUP_LABEL = re.compile(
    rf"(?:{_GROUP})|(?P<c>\d{{1,3}})(?:\s*[-/]\s*(?P<d>\d{{1,3}}))?", re.ASCII
)


def _group_labels(label: str) -> frozenset[str]:
    """Normalised groups in a career label: "4", "groep 4" -> {"4"}; "1/2" -> {"1", "2"}."""
    s = _normalise(label)
    if _TODDLER_LABEL.fullmatch(s):
        return frozenset({"peuter"})
    if m := _GROUP_LABEL.fullmatch(s):
        return frozenset(str(int(n)) for n in m.group("a", "b", "c", "d") if n is not None)
    return frozenset({s})


def resolve_groups(value: FuzzyDate, group_years: Iterable[tuple[str, date, date]]) -> FuzzyDate:
    """Place a GROUP date using the child's school career.

    group_years: (group label, start, end) of the school years the child spent in each group (a
    group may appear twice: repeated year). Returns a copy with start/end = the union hull of
    the matching years; if none match, start/end stay None (not placed). Other precisions are
    returned unchanged.
    """
    if value.precision is not Precision.GROUP:
        return value
    wanted = set(value.groups)
    spans = [(start, end) for label, start, end in group_years if wanted & _group_labels(label)]
    if not spans:
        return replace(value, start=None, end=None)
    starts, ends = zip(*spans, strict=True)
    return replace(value, start=min(starts), end=max(ends))
