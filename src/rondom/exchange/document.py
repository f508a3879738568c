"""What a case file looks like: its format name, versions and the references between parts.

The JSON Schemas `case-1.schema.json` and `case-2.schema.json` describe the whole document;
this module holds what both the export and the import need to know about it.
"""

import json
from functools import cache
from pathlib import Path

FORMAT = "rondom-case"
# The export writes the newest version; the import reads every one of these.
VERSION = 2
VERSIONS = (1, 2)

# Which fields point at which collection of the document, by the `id` of the object there.
# A path segment "*" means every item of a list.
REFERENCES: dict[tuple[str, ...], str] = {
    ("school_periods", "*", "child"): "children",
    ("cards", "*", "child"): "children",
    ("cards", "*", "author"): "participants",
    ("cards", "*", "restricted_to", "*"): "participants",
    ("card_links", "*", "first"): "cards",
    ("card_links", "*", "second"): "cards",
    ("card_hidings", "*", "card"): "cards",
    ("meetings", "*", "attendances", "*", "participant"): "participants",
    ("meetings", "*", "key_moments", "*", "card"): "cards",
    ("meetings", "*", "agreements", "*", "owner"): "participants",
    ("consents", "*", "given_by"): "participants",
    ("consents", "*", "participant"): "participants",
    ("cards", "*", "question"): "help_questions",
    ("help_questions", "*", "child"): "children",
    ("help_questions", "*", "raised_by"): "participants",
    ("help_questions", "*", "card"): "cards",
    ("help_satisfactions", "*", "participant"): "participants",
    ("help_satisfactions", "*", "meeting"): "meetings",
    ("figures_consents", "*", "given_by"): "participants",
}

# The lists whose items carry an `id` that other parts refer to.
NUMBERED = ("children", "participants", "cards", "help_questions", "meetings")

# What version 2 added, and what a version 1 file holds of it: nothing.
ADDED_IN_2 = {"help_questions": [], "help_satisfactions": [], "figures_consents": []}

# History names what was true then: a meeting's frozen copy names the cards it showed, and a
# card's revisions name its earlier child and author. Those may since be gone, or kept from the
# reader of a participant's copy, so an unknown one there is cleared on import, not refused.
SOFT_REFERENCES: dict[tuple[str, ...], str] = {
    ("meetings", "*", "frozen", "cards", "*", "id"): "cards",
    ("cards", "*", "revisions", "*", "changes", "child", "*"): "children",
    ("cards", "*", "revisions", "*", "changes", "author", "*"): "participants",
    ("cards", "*", "revisions", "*", "changes", "restricted_to", "*", "*"): "participants",
    ("cards", "*", "revisions", "*", "author"): "participants",
    ("cards", "*", "revisions", "*", "restricted_to", "*"): "participants",
    ("cards", "*", "revisions", "*", "changes", "question", "*"): "help_questions",
}


# Fields that name an account by its email address.
ACTOR_FIELDS = (
    "changed_by", "linked_by", "unlinked_by", "hidden_by", "shown_by", "created_by",
    "updated_by", "status_set_by", "recorded_by", "withdrawn_by", "account",
)  # fmt: skip


def schema_path(version: int = VERSION) -> Path:
    return Path(__file__).with_name(f"case-{version}.schema.json")


@cache
def schema(version: int = VERSION) -> dict:
    return json.loads(schema_path(version).read_text(encoding="utf-8"))


def upgrade(document: dict) -> dict:
    """A valid document of any version in the shape of the newest, so that the checks and the
    import need to know only one; its `version` still says what was read. Version 1 had no
    questions, so none of its cards answers one."""
    if document["version"] == 1:
        for name, empty in ADDED_IN_2.items():
            document[name] = list(empty)
        for card in document["cards"]:
            card["question"] = None
    return document


def walk(document, path: tuple[str, ...], where: tuple = ()):
    """Yield (location, value) for every value at `path`; location names list positions."""
    if not path:
        yield where, document
        return
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(document, list):
            for index, item in enumerate(document):
                yield from walk(item, rest, (*where, index))
    elif isinstance(document, dict) and head in document:
        yield from walk(document[head], rest, (*where, head))


def location(where: tuple) -> str:
    """A readable place in the document, like cards[3].author."""
    text = ""
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(document)"


def _alternatives(node: dict) -> list[dict]:
    return node.get("oneOf", []) + node.get("anyOf", []) or [node]


def format_paths(node: dict, name: str, path: tuple[str, ...] = ()):
    """Every path in the document whose value the schema gives the format `name`."""
    for option in _alternatives(node):
        if option.get("format") == name:
            yield path
        for key, child in option.get("properties", {}).items():
            yield from format_paths(child, name, (*path, key))
        if isinstance(option.get("items"), dict):
            yield from format_paths(option["items"], name, (*path, "*"))


def nesting(node: dict) -> int:
    """How many objects and lists deep a valid document can go below `node`."""
    depth = 0
    for option in _alternatives(node):
        below = [*option.get("properties", {}).values()]
        for key in ("items", "additionalProperties"):
            if isinstance(option.get(key), dict):
                below.append(option[key])
        kinds = option.get("type", [])
        container = {"object", "array"} & set(kinds if isinstance(kinds, list) else [kinds])
        if container or below:
            depth = max(depth, 1 + max((nesting(child) for child in below), default=0))
    return depth
