"""Check a case file completely before anything is written, and say what is wrong and where."""

import json
import re
from collections import Counter
from datetime import date, datetime
from functools import cache
from itertools import islice

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker

from rondom.cases.models import PARENT_ROLES
from rondom.core.limits import MAX_CARDS_PER_CHILD, MAX_CASE_FILE_BYTES
from rondom.core.text import text_problem
from rondom.timeline.card_fields import WRITTEN_FIELDS
from rondom.timeline.kinds import CardKind

from .dates import check_dates
from .document import (
    FORMAT,
    NUMBERED,
    REFERENCES,
    VERSIONS,
    location,
    nesting,
    schema,
    upgrade,
    walk,
)
from .problems import CaseFileRefused, Problem

MAX_PROBLEMS = 50
# Numbers in a case file are ids, versions and years; longer ones are not worth converting.
MAX_DIGITS = 20


def _is_date(value) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return len(value) == 10


def _is_moment(value) -> bool:
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return moment.tzinfo is not None


FORMATS = FormatChecker(formats=())
FORMATS.checks("date")(lambda value: not isinstance(value, str) or _is_date(value))
FORMATS.checks("date-time")(lambda value: not isinstance(value, str) or _is_moment(value))


class _Unwanted(ValueError):
    """A value JSON allows but a case file never holds."""


def _whole_number(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Unwanted(_("The file holds a number that is far too large."))
    return int(text)


def _no_fraction(text: str):
    raise _Unwanted(_("The file holds the number %(number)s; a case file has whole numbers only.")
                    % {"number": _shorten(text)})  # fmt: skip


def _no_constant(text: str):
    raise _Unwanted(_("The file holds %(value)s, which is not a number.") % {"value": text})


def _refuse_file(message: str) -> CaseFileRefused:
    return CaseFileRefused([Problem(_("file"), message)])


def too_large() -> CaseFileRefused:
    message = _("The file is larger than %(limit)s MB, the most a case file may be.")
    return _refuse_file(message % {"limit": MAX_CASE_FILE_BYTES // (1024 * 1024)})


def parse(raw: bytes | str) -> dict:
    """The document from the file's bytes; refused when it is not a JSON object."""
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > MAX_CASE_FILE_BYTES:
        raise too_large()
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _refuse_file(_("The file is not UTF-8 text.")) from None
    try:
        document = json.loads(
            raw, parse_int=_whole_number, parse_float=_no_fraction, parse_constant=_no_constant
        )
    except json.JSONDecodeError as error:
        message = _(
            "This is not valid JSON (line %(line)s, column %(column)s): is the file complete?"
        )
        raise _refuse_file(message % {"line": error.lineno, "column": error.colno}) from None
    except _Unwanted as error:
        raise _refuse_file(str(error)) from None
    except RecursionError:
        raise _refuse_file(_too_deep()) from None
    if not isinstance(document, dict):
        raise _refuse_file(_("The file must hold one JSON object."))
    _check_nesting(document)
    return document


def _too_deep() -> str:
    return _("The file nests objects and lists deeper than a case file ever does.")


@cache
def _deepest() -> int:
    return max(nesting(schema(version)) for version in VERSIONS)


def _check_nesting(document: dict) -> None:
    """Refuse nesting no valid file has, before anything walks the document recursively."""
    limit = _deepest()
    stack: list[tuple[object, tuple, int]] = [(document, (), 1)]
    while stack:
        value, where, depth = stack.pop()
        if depth > limit:
            raise CaseFileRefused([Problem(location(where), _too_deep())])
        if isinstance(value, dict):
            stack.extend((item, (*where, key), depth + 1) for key, item in value.items()
                         if isinstance(item, (dict, list)))  # fmt: skip
        elif isinstance(value, list):
            stack.extend((item, (*where, index), depth + 1) for index, item in enumerate(value)
                         if isinstance(item, (dict, list)))  # fmt: skip


def _shorten(value, limit: int = 40) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(error) -> str:
    kind, expected = error.validator, error.validator_value
    if kind == "required":
        found = re.match(r"'(.+)' is a required property", error.message)
        return _("the field %(name)s is missing") % {"name": found[1] if found else "?"}
    if kind == "additionalProperties":
        unknown = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return _("unknown field %(name)s") % {"name": ", ".join(unknown)}
    if kind == "enum":
        allowed = ", ".join(repr(value) for value in expected)
        return _("%(value)s is not one of: %(allowed)s") % {
            "value": _shorten(repr(error.instance)),
            "allowed": allowed,
        }
    if kind == "type":
        names = expected if isinstance(expected, list) else [expected]
        either = " " + _("or") + " "
        return _("must be of type %(type)s") % {"type": either.join(names)}
    if kind == "maxLength":
        return _("is longer than %(limit)s characters") % {"limit": expected}
    if kind == "minLength":
        return _("may not be empty")
    if kind in ("minimum", "maximum"):
        return _("the number %(value)s is out of range") % {"value": _shorten(error.instance)}
    if kind == "format":
        if expected == "date":
            return _("%(value)s is not a date like 2024-03-31") % {
                "value": _shorten(repr(error.instance))
            }
        return _("%(value)s is not a moment like 2024-03-31T14:05:00+02:00") % {
            "value": _shorten(repr(error.instance))
        }
    if kind == "pattern":
        return _("%(value)s is not a colour like #1a2b3c") % {
            "value": _shorten(repr(error.instance))
        }
    if kind == "maxItems":
        return _("has more than %(limit)s items") % {"limit": expected}
    if kind == "uniqueItems":
        return _("holds the same value twice")
    return _("is not valid here")


def _check_version(document: dict) -> None:
    if document.get("format") != FORMAT:
        message = _("This is not a Rondom case file (the field format must be %(format)r).")
        raise CaseFileRefused([Problem("format", message % {"format": FORMAT})])
    found = document.get("version")
    # A bool equals 0 or 1 in Python, but `true` is no version.
    if isinstance(found, bool) or found not in VERSIONS:
        message = _(
            "Case file version %(found)r is not supported; this Rondom reads versions %(first)s "
            "to %(last)s."
        )
        values = {"found": found, "first": VERSIONS[0], "last": VERSIONS[-1]}
        raise CaseFileRefused([Problem("version", message % values)])


def _check_strings(value, where: tuple, problems: list[Problem]) -> None:
    """Every text follows the same rule as text typed into a form."""
    if isinstance(value, dict):
        for key, item in value.items():
            _check_strings(key, where, problems)
            _check_strings(item, (*where, key), problems)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_strings(item, (*where, index), problems)
    elif isinstance(value, str) and (problem := text_problem(value)):
        problems.append(Problem(location(where), problem))


def _check_card_count(document: dict) -> None:
    """Counted before anything else reads the cards, so a huge file is refused at once."""
    cards = document.get("cards")
    if not isinstance(cards, list):
        return
    about = Counter(
        card.get("child") if isinstance(card.get("child"), int) else None
        for card in cards
        if isinstance(card, dict) and card.get("deleted_at") is None
    )
    family = about.pop(None, 0)
    busiest = family + max(about.values(), default=0)
    if busiest > MAX_CARDS_PER_CHILD:
        message = _(
            "%(count)s cards would be on one child's timeline, counting those about the whole "
            "family; a timeline holds at most %(limit)s."
        )
        raise CaseFileRefused(
            [Problem("cards", message % {"count": busiest, "limit": MAX_CARDS_PER_CHILD})]
        )


def _ids(document: dict, collection: str, problems: list[Problem]) -> set:
    seen: set = set()
    for index, item in enumerate(document.get(collection, [])):
        if item["id"] in seen:
            where = location((collection, index, "id"))
            problems.append(Problem(where, _("the id %(id)s is used twice") % {"id": item["id"]}))
        seen.add(item["id"])
    return seen


def _change_fits(name: str, pair: list) -> bool:
    """A change names a field of the card, and holds values of that field's kind: lists of
    people for who a card was limited to, single values for everything else."""
    if name not in WRITTEN_FIELDS:
        return False
    if name == "restricted_to":
        return all(value is None or isinstance(value, list) for value in pair)
    return not any(isinstance(value, list) for value in pair)


def _empty_card(card: dict) -> str | None:
    """The card form's rule: a card has a text; a development card may instead say only what
    goes less well."""
    if card["text"].strip():
        return None
    if card["kind"] == CardKind.DEVELOPMENT:
        if card["text_less_well"].strip():
            return None
        return _("is empty, and so is text_less_well: a development card says at least one")
    return _("is empty, and a card needs a text")


def _check_meaning(document: dict, problems: list[Problem]) -> None:
    ids = {name: _ids(document, name, problems) for name in NUMBERED}
    for path, collection in REFERENCES.items():
        for where, value in walk(document, path):
            if value is not None and value not in ids[collection]:
                problems.append(
                    Problem(
                        location(where),
                        _("refers to %(id)s, which is not in %(collection)s")
                        % {"id": value, "collection": collection},
                    )
                )
    for index, child in enumerate(document["children"]):
        if child["date_of_birth"] is None:
            problems.append(
                Problem(
                    location(("children", index, "date_of_birth")),
                    _("this copy leaves the date of birth out; import the case manager's export"),
                )
            )
    parents = {p["id"] for p in document["participants"] if p["role"] in PARENT_ROLES}
    for index, consent in enumerate(document["consents"]):
        if consent["participant"] is None and consent["organisation"] is None:
            problems.append(
                Problem(
                    location(("consents", index)),
                    _("a consent is for a participant or an organisation"),
                )
            )
    for collection in ("consents", "figures_consents"):
        for index, consent in enumerate(document[collection]):
            if consent["given_by"] in ids["participants"] and consent["given_by"] not in parents:
                problems.append(
                    Problem(
                        location((collection, index, "given_by")),
                        _("consent is given by a parent or carer"),
                    )
                )
    _check_questions_of_cards(document, problems)
    for index, card in enumerate(document["cards"]):
        if problem := _empty_card(card):
            problems.append(Problem(location(("cards", index, "text")), problem))
        if card["starts_on"] and card["ends_on"] and card["ends_on"] < card["starts_on"]:
            problems.append(
                Problem(location(("cards", index, "ends_on")), _("ends before it starts"))
            )
        if len(set(card["restricted_to"])) < len(card["restricted_to"]):
            problems.append(
                Problem(location(("cards", index, "restricted_to")), _("names someone twice"))
            )
        for r_index, revision in enumerate(card["revisions"]):
            for name, pair in revision["changes"].items():
                if not _change_fits(name, pair):
                    where = location(("cards", index, "revisions", r_index, "changes", name))
                    problems.append(Problem(where, _("is not a change a card can have")))
    for index, period in enumerate(document["school_periods"]):
        years = [gy["school_year"] for gy in period["group_years"]]
        if len(set(years)) < len(years):
            problems.append(
                Problem(
                    location(("school_periods", index, "group_years")),
                    _("has a school year twice"),
                )
            )
    accounts = [p["account"] for p in document["participants"] if p["account"]]
    for account in {a for a in accounts if accounts.count(a) > 1}:
        problems.append(
            Problem(
                "participants",
                _("the account %(account)s belongs to two participants") % {"account": account},
            )
        )
    for m_index, meeting in enumerate(document["meetings"]):
        steps = [note["step"] for note in meeting["notes"]]
        cards = [moment["card"] for moment in meeting["key_moments"]]
        if len(set(steps)) < len(steps) or len(set(cards)) < len(cards):
            problems.append(
                Problem(
                    location(("meetings", m_index)),
                    _("a step or a key moment appears twice in one meeting"),
                )
            )


def _check_questions_of_cards(document: dict, problems: list[Problem]) -> None:
    """The card form keeps a help card in the domain of the question it answers, and the
    figures across cases count on that."""
    domains = {question["id"]: question["domain"] for question in document["help_questions"]}
    for index, card in enumerate(document["cards"]):
        if card["question"] not in domains:
            continue
        if card["kind"] != CardKind.HELP or card["domain"] != domains[card["question"]]:
            problems.append(
                Problem(
                    location(("cards", index, "question")),
                    _("only a help card in the domain of the question can answer it"),
                )
            )


def validate(document: dict) -> dict:
    """Raise CaseFileRefused with every problem found, or return the sound document in the
    shape of the newest version (see `upgrade`)."""
    try:
        return _validate(document)
    except RecursionError:
        raise _refuse_file(_too_deep()) from None


def _validate(document: dict) -> dict:
    _check_version(document)
    _check_card_count(document)
    validator = Draft202012Validator(schema(document["version"]), format_checker=FORMATS)
    errors = sorted(islice(validator.iter_errors(document), 500), key=lambda e: e.json_path)
    problems = list(
        dict.fromkeys(Problem(location(tuple(e.absolute_path)), _describe(e)) for e in errors)
    )
    _check_strings(document, (), problems)
    if not problems:
        upgrade(document)
        _check_meaning(document, problems)
    if not problems:
        check_dates(document, problems)
    if problems:
        raise CaseFileRefused(problems[:MAX_PROBLEMS])
    return document
