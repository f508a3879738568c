"""Check a case file completely before anything is written, and say what is wrong and where."""

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker

from rondom.cases.models import PARENT_ROLES

from .document import FORMAT, REFERENCES, VERSION, location, schema, walk

MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class CaseFileRefused(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


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


def parse(raw: bytes | str) -> dict:
    """The document from the file's bytes; refused when it is not a JSON object."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CaseFileRefused([Problem(_("file"), _("The file is not UTF-8 text."))]) from None
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as error:
        message = _(
            "This is not valid JSON (line %(line)s, column %(column)s): is the file complete?"
        )
        where = _("file")
        raise CaseFileRefused(
            [Problem(where, message % {"line": error.lineno, "column": error.colno})]
        ) from None
    if not isinstance(document, dict):
        raise CaseFileRefused([Problem(_("file"), _("The file must hold one JSON object."))])
    return document


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
        return _("%(value)r is not one of: %(allowed)s") % {
            "value": error.instance,
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
        return _("the number %(value)s is out of range") % {"value": error.instance}
    if kind == "format":
        if expected == "date":
            return _("%(value)r is not a date like 2024-03-31") % {"value": error.instance}
        return _("%(value)r is not a moment like 2024-03-31T14:05:00+02:00") % {
            "value": error.instance
        }
    if kind == "pattern":
        return _("%(value)r is not a colour like #1a2b3c") % {"value": error.instance}
    if kind == "maxItems":
        return _("has more than %(limit)s items") % {"limit": expected}
    return _("is not valid here")


def _check_version(document: dict) -> None:
    if document.get("format") != FORMAT:
        message = _("This is not a Rondom case file (the field format must be %(format)r).")
        raise CaseFileRefused([Problem("format", message % {"format": FORMAT})])
    if document.get("version") != VERSION:
        message = _(
            "Case file version %(found)r is not supported; this Rondom reads version %(version)s."
        )
        found = document.get("version")
        raise CaseFileRefused([Problem("version", message % {"found": found, "version": VERSION})])


def _check_strings(value, where: tuple, problems: list[Problem]) -> None:
    """Control characters and broken Unicode would corrupt the database or a printout."""
    if isinstance(value, dict):
        for key, item in value.items():
            _check_strings(key, where, problems)
            _check_strings(item, (*where, key), problems)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_strings(item, (*where, index), problems)
    elif isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            problems.append(Problem(location(where), _("contains broken Unicode")))
            return
        if any(unicodedata.category(c) == "Cc" and c not in "\n\r\t" for c in value):
            problems.append(Problem(location(where), _("contains a control character")))


def _ids(document: dict, collection: str, problems: list[Problem]) -> set:
    seen: set = set()
    for index, item in enumerate(document.get(collection, [])):
        if item["id"] in seen:
            where = location((collection, index, "id"))
            problems.append(Problem(where, _("the id %(id)s is used twice") % {"id": item["id"]}))
        seen.add(item["id"])
    return seen


def _check_meaning(document: dict, problems: list[Problem]) -> None:
    ids = {name: _ids(document, name, problems) for name in ("children", "participants", "cards")}
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
        if consent["given_by"] in ids["participants"] and consent["given_by"] not in parents:
            problems.append(
                Problem(
                    location(("consents", index, "given_by")),
                    _("consent is given by a parent or carer"),
                )
            )
    for index, card in enumerate(document["cards"]):
        if card["starts_on"] and card["ends_on"] and card["ends_on"] < card["starts_on"]:
            problems.append(
                Problem(location(("cards", index, "ends_on")), _("ends before it starts"))
            )
        if len(set(card["restricted_to"])) < len(card["restricted_to"]):
            problems.append(
                Problem(location(("cards", index, "restricted_to")), _("names someone twice"))
            )
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


def validate(document: dict) -> None:
    """Raise CaseFileRefused with every problem found, or return when the file is sound."""
    _check_version(document)
    validator = Draft202012Validator(schema(), format_checker=FORMATS)
    errors = sorted(islice(validator.iter_errors(document), 500), key=lambda e: e.json_path)
    problems = list(
        dict.fromkeys(Problem(location(tuple(e.absolute_path)), _describe(e)) for e in errors)
    )
    _check_strings(document, (), problems)
    if not problems:
        _check_meaning(document, problems)
    if problems:
        raise CaseFileRefused(problems[:MAX_PROBLEMS])
