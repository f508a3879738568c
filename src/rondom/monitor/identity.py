"""What in a text could name the case it comes from: names and dates of birth.

Before a card goes up to the network as a signal, the case manager is warned of each one
found, so that they can take it out. The check is a help, not a guarantee: it knows only
the names and dates the case holds.
"""

import re
from datetime import date

from rondom.cases.models import Case

DUTCH_MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip

# Parts of a name too short or too common to warn about on their own ("de", "van", "El"),
# and the words a case's title puts around a name ("Familie", "Casus").
MIN_NAME_PART = 3
NOT_NAMES = {
    "van", "der", "den", "het", "ter", "ten", "de", "la", "le", "el", "al",
    "familie", "gezin", "casus", "kind",
}  # fmt: skip


def _date_patterns(born: date) -> list[str]:
    d, m, y = born.day, born.month, born.year
    numeric = [
        rf"0?{d}[-/.]0?{m}[-/.]({y}|{y % 100:02d})",
        rf"{y}[-/.]0?{m}[-/.]0?{d}",
    ]
    written = rf"{d}\s+({DUTCH_MONTHS[m - 1]}|{DUTCH_MONTHS[m - 1][:3]}\.?)\s+{y}"
    return [rf"(?<!\d){pattern}(?!\d)" for pattern in numeric] + [written]


def _name_parts(name: str) -> set[str]:
    return {
        part
        for part in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", name)
        if len(part) >= MIN_NAME_PART and part.lower() not in NOT_NAMES
    }


def identifying_words(text: str, case: Case) -> list[str]:
    """The names and dates of birth of the case (its title, children and participants) that
    the text contains, in the order of the text; each once."""
    names = _name_parts(case.title)
    for child in case.children.all():
        names |= _name_parts(child.name)
    for participant in case.participants.all():
        names |= _name_parts(participant.name)
    found: list[tuple[int, str]] = []
    for name in names:
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
            found.append((match.start(), match.group(0)))
    for child in case.children.all():
        for pattern in _date_patterns(child.date_of_birth):
            for match in re.finditer(pattern, text, re.IGNORECASE):
                found.append((match.start(), match.group(0)))
    seen, ordered = set(), []
    for _position, word in sorted(found):
        if word.lower() not in seen:
            seen.add(word.lower())
            ordered.append(word)
    return ordered
